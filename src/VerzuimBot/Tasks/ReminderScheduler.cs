using VerzuimBot.Storage;
using VerzuimBot.Protocol.Tasks;

namespace VerzuimBot.Tasks;

/// <summary>Scheduler settings (section "Reminders").</summary>
internal sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>How often due tasks are looked for when nothing wakes the scheduler.</summary>
    public int SweepSeconds { get; set; } = 30;

    /// <summary>How long a claim holds before another instance may take the task over.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Tasks delivered at once in one sweep (each claimed first); below Teams' 50 sends per second per app.</summary>
    public int Parallelism { get; set; } = 8;
}

/// <summary>
/// The host's reminder loop: sweeps due tasks every <see cref="ReminderOptions.SweepSeconds"/> or at
/// once when triggered. A sweep that fails (store down) is logged and tried again on the next tick.
/// </summary>
internal sealed class ReminderScheduler(ReminderSweeper sweeper, SweepTrigger trigger, ReminderOptions options, ILogger<ReminderScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.SweepSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sweeper.SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (StoreErrors.IsStoreFailure(ex, out _) || ex is HttpRequestException)
            {
                logger.LogWarning("Reminder sweep failed, retrying on the next tick: {Error}", ex.GetType().Name);
            }
            catch (Exception ex)
            {
                // Whatever else went wrong, the loop goes on: a stopped scheduler would stop every reminder (and, by
                // default, the whole host). Type only: the message may hold data.
                logger.LogError("Reminder sweep failed unexpectedly, retrying on the next tick: {Error}", ex.GetType().FullName);
            }

            try
            {
                await trigger.WaitAsync(interval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
