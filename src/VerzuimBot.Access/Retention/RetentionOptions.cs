namespace VerzuimBot.Access.Retention;

/// <summary>
/// Configuration section "Retention". Each configured school's bewaartermijn is its profile's "bewaartermijnMaanden"
/// (<see cref="IRetentionPeriods"/>). <see cref="RetentionMonths"/> is the least a school no longer configured keeps its
/// data: such data is kept for the longest bewaartermijn of the configured schools, and never shorter than this
/// (default 24, two school years, the value of every shipped profile).
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    public int RetentionMonths { get; set; } = 24;

    /// <summary>How long a claim on a dossier protects it from other instances; a crashed run's claim expires.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Name of this instance in claims (e.g. the machine name); each run adds a unique suffix.</summary>
    public string InstanceId { get; set; } = "verzuimbot";
}
