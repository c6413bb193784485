using System.Threading.RateLimiting;
using VerzuimBot.Connector.Schema;

namespace VerzuimBot.RateLimiting;

/// <summary>
/// A token bucket per person (tenant and Teams user, from the activity: the endpoint reads the body once, so ASP.NET Core's
/// rate-limiting middleware, which runs before that, cannot partition on it; the same System.Threading.RateLimiting
/// limiter is used here, after parsing and authentication). A person over the limit is told once a minute at most, so a
/// flood does not turn into a flood of replies.
/// </summary>
internal sealed class TurnRateLimiter : IDisposable
{
    public const string SlowDown = "Even rustig aan: je stuurt me meer dan ik zo snel kan verwerken. Wacht een minuut en probeer het dan opnieuw. Er is niets veranderd.";

    private readonly RateLimitOptions _options;
    private readonly PartitionedRateLimiter<string> _turns;
    private readonly PartitionedRateLimiter<string> _notices;

    public TurnRateLimiter(RateLimitOptions options)
    {
        _options = options;
        _turns = PartitionedRateLimiter.Create<string, string>(person => RateLimitPartition.GetTokenBucketLimiter(person, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.TokenLimit,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / options.TokensPerMinute,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        _notices = PartitionedRateLimiter.Create<string, string>(person => RateLimitPartition.GetTokenBucketLimiter(person, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Spends what the turn costs (<see cref="TurnCosts"/>) of the sender's bucket; false when there is not that much left (nothing is spent then).</summary>
    public bool TryAcquireTurn(Activity activity, out int cost)
    {
        cost = TurnCosts.Of(activity, _options);
        return TryAcquire(activity, cost);
    }

    /// <summary>Spends <paramref name="cost"/> tokens of the sender's bucket; false when there are not that many left (nothing is spent then).</summary>
    public bool TryAcquire(Activity activity, int cost) => TryAcquire(_turns, activity, Math.Min(cost, _options.TokenLimit));

    /// <summary>"taken" by a role that reaches several schools reads them all: the further schools cost extra (<see cref="RateLimitOptions.TakenCostPerExtraSchool"/>).</summary>
    public bool TryAcquireForSchools(Activity activity, int schools) => TryAcquire(activity, Math.Max(0, schools - 1) * _options.TakenCostPerExtraSchool);

    /// <summary>Whether the person over the limit should be told now (once a minute), or the turn dropped quietly.</summary>
    public bool ShouldTell(Activity activity) => TryAcquire(_notices, activity, 1);

    public void Dispose()
    {
        _turns.Dispose();
        _notices.Dispose();
    }

    private bool TryAcquire(PartitionedRateLimiter<string> limiter, Activity activity, int permits)
    {
        if (!_options.Enabled || permits <= 0)
        {
            return true;
        }

        using var lease = limiter.AttemptAcquire(PersonOf(activity), permits);
        return lease.IsAcquired;
    }

    /// <summary>The tenant and the Teams user (AAD object id, else the channel account id): never the text or anything about a child.</summary>
    private static string PersonOf(Activity activity) =>
        $"{activity.TenantId}|{activity.From?.AadObjectId ?? activity.From?.Id ?? "?"}";
}
