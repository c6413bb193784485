namespace VerzuimBot.Domain.Dossier;

/// <summary>A sick period: from the ziekmelding's first day to the day before <see cref="BackOn"/> (null while still absent).</summary>
public sealed record AbsencePeriod(ZiekmeldingRecorded Ziekmelding, DateOnly? BackOn)
{
    public DateOnly FirstDay => Ziekmelding.FirstDay;

    public bool IsOpen => BackOn is null;

    /// <summary>True when the student was absent on <paramref name="date"/> in this period.</summary>
    public bool Covers(DateOnly date) => date >= FirstDay && (BackOn is null || date < BackOn);
}

/// <summary>A period of ongeoorloofd afwezig: from its first day to the day before <see cref="BackOn"/> (null while still away).</summary>
public sealed record UnauthorisedPeriod(UnauthorisedAbsenceStarted Started, DateOnly? BackOn)
{
    public DateOnly FirstDay => Started.FirstDay;

    public bool IsOpen => BackOn is null;

    public bool Covers(DateOnly date) => date >= FirstDay && (BackOn is null || date < BackOn);
}
