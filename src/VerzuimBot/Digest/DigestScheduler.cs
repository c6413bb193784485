using VerzuimBot.Connector.Client;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Storage;
using VerzuimBot.Protocol.Digest;

namespace VerzuimBot.Digest;

/// <summary>
/// Posts the digest into every subscribed channel on the profile's schedule (default Monday 08:30), as a new thread;
/// every <see cref="DigestSchedule.RblSwvOverlegEveryWeeks"/> weeks from the first post it is the overview for the
/// RBL–SWV overleg. Each slot is claimed first, so several instances post it once; a failed post is tried again
/// after the claim's lease. A slot missed by more than a day (the host was down) is not posted late. Each round also
/// purges expired export links, so their rows (who asked for which schools) do not wait for someone to try them.
/// </summary>
internal sealed class DigestScheduler(
    DigestSubscriptionStore subscriptions, DigestComposer composer, SwvAudiences audiences, ConversationReferenceStore references, ConnectorClient connector,
    DigestExportStore exports, DigestExportOptions options, TimeProvider time, ILogger<DigestScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.CheckSeconds)), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Store down or anything else: a claimed slot is taken over after its lease; the loop must not end.
                logger.LogWarning("Digest check failed, tried again later: {Error}", exception.GetType().Name);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.CheckSeconds)), time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <returns>How many digests were posted.</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var span = Telemetry.BotTelemetry.StartJob("digest-check");
        var posted = 0;
        var now = time.GetUtcNow();
        await exports.PurgeExpiredAsync(now, cancellationToken).ConfigureAwait(false);
        foreach (var subscription in await subscriptions.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            // What was subscribed to earlier follows the SWV's service area as configured now.
            var schools = audiences.WithinServiceArea(subscription.SwvId, subscription.Schools);
            if (schools.Count == 0)
            {
                continue;
            }

            var schedule = composer.ScheduleOf(schools);
            if (SlotAt(schedule, subscription, now) is not { } slot || !await subscriptions.TryClaimAsync(subscription, slot.Key, now, Lease, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                if (await PostAsync(subscription, schools, slot.Kind, now, cancellationToken).ConfigureAwait(false))
                {
                    await subscriptions.CompleteAsync(subscription, slot.Key, now, cancellationToken).ConfigureAwait(false);
                    posted++;
                }
            }
            catch (ConnectorException exception)
            {
                logger.LogWarning("Digest post failed ({Status}); tried again after the lease", exception.Status);
            }
        }

        return posted;
    }

    /// <summary>The slot due now: the latest scheduled moment not after now, once subscribed, and at most a day old.</summary>
    internal static (string Key, DigestKind Kind)? SlotAt(DigestSchedule schedule, DigestSubscription subscription, DateTimeOffset now)
    {
        var today = SchoolClock.LocalDate(now);
        var day = today.AddDays(-(((int)today.DayOfWeek - (int)schedule.Day + 7) % 7));
        var moment = SchoolClock.At(day, schedule.Time);
        if (moment > now)
        {
            day = day.AddDays(-7);
            moment = SchoolClock.At(day, schedule.Time);
        }

        if (moment < subscription.SubscribedAt || now - moment > TimeSpan.FromDays(1))
        {
            return null;
        }

        // The first slot after subscribing is an overleg overview, then every N weeks.
        var subscribedOn = SchoolClock.LocalDate(subscription.SubscribedAt);
        var first = subscribedOn.AddDays(((int)schedule.Day - (int)subscribedOn.DayOfWeek + 7) % 7);
        if (SchoolClock.At(first, schedule.Time) < subscription.SubscribedAt)
        {
            first = first.AddDays(7);
        }

        var weeks = (day.DayNumber - first.DayNumber) / 7;
        var kind = weeks % Math.Max(1, schedule.RblSwvOverlegEveryWeeks) == 0 ? DigestKind.Overleg : DigestKind.Weekly;
        return ($"{(kind == DigestKind.Overleg ? "overleg" : "wekelijks")}|{day:yyyy-MM-dd}", kind);
    }

    private async Task<bool> PostAsync(DigestSubscription subscription, IReadOnlyList<string> schools, DigestKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await references.FindAsync(subscription.TenantId, subscription.ChannelId, cancellationToken).ConfigureAwait(false) is not { } channel)
        {
            logger.LogWarning("Digest subscription without a known channel reference; tried again after the lease");
            return false;
        }

        var audience = new SwvAudience(subscription.SwvId, audiences.SwvName(subscription.SwvId), schools);
        var composed = await composer.ComposeAsync(audience, kind, now, subscription.LastPostedAt, "VerzuimBot", cancellationToken).ConfigureAwait(false);
        await connector.PostToChannelAsync(channel.ServiceUrl, channel.BotId, subscription.ChannelId, subscription.TenantId, Activity.CardMessage(composed.Card), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Digest posted ({Kind}) for {Schools} schools", kind, schools.Count);
        return true;
    }
}
