using VerzuimBot.Access.Retention;
using VerzuimBot.Domain.Calendar;

namespace VerzuimBot.Beheer;

/// <summary>
/// Runs the retention job (issue 7 item 6) every night at 02:00 Amsterdam time. The job itself is
/// safe to run twice and on several instances, so no claim is needed here.
/// </summary>
internal sealed class RetentionScheduler(RetentionJob job, TimeProvider time, ILogger<RetentionScheduler> logger) : BackgroundService
{
    private static readonly TimeOnly RunAt = new(2, 0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var today = SchoolClock.LocalDate(now);
            var next = SchoolClock.At(today, RunAt);
            if (next <= now)
            {
                next = SchoolClock.At(today.AddDays(1), RunAt);
            }

            try
            {
                await Task.Delay(next - now, time, stoppingToken).ConfigureAwait(false);
                using var span = Telemetry.BotTelemetry.StartJob("retention-run");
                var report = await job.RunAsync(stoppingToken).ConfigureAwait(false);
                logger.LogInformation("Retention run done: {Report}", report);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The job is safe to run again; the loop must not end (an unhandled error would stop the host).
                logger.LogWarning("Retention run failed, tried again tomorrow: {Error}", ex.GetType().Name);
            }
        }
    }
}
