namespace VerzuimBot.Access.Retention;

/// <summary>
/// Configuration section "Retention". <see cref="RetentionMonths"/> defaults to 24 (two school
/// years), the "bewaartermijnMaanden" of every shipped protocol profile; the host should pass the
/// school's profile value (ProtocolProfile.RetentionMonths) when it differs.
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
