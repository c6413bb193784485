using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Domain.Digest;

/// <summary>
/// The SWV's monitoring bands (002 §8.1 e: "tot 4 weken, tot 3 maanden, > 3 maanden thuiszitten"), counted in
/// school days of the current absence (domain.md §2: "een maand" is 4 school weeks = 20 school days). The limits
/// are the profile's code limits (002 §2.2: geel tot 4 weken, oranje tot 3 maanden, rood daarna), so band and code agree.
/// </summary>
public enum DurationBand
{
    /// <summary>1 to <see cref="ThuiszitterRules.OranjeAfterSchoolDays"/> (20) school days.</summary>
    Tot4Weken = 1,

    /// <summary>Up to <see cref="ThuiszitterRules.RoodAfterSchoolDays"/> (60) school days.</summary>
    Tot3Maanden,

    /// <summary>More than <see cref="ThuiszitterRules.RoodAfterSchoolDays"/> school days.</summary>
    LangerDan3Maanden,
}

public static class DurationBands
{
    public static DurationBand Of(int schoolDaysAbsent, ThuiszitterRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfLessThan(schoolDaysAbsent, 1);
        return schoolDaysAbsent <= rules.OranjeAfterSchoolDays ? DurationBand.Tot4Weken
            : schoolDaysAbsent <= rules.RoodAfterSchoolDays ? DurationBand.Tot3Maanden
            : DurationBand.LangerDan3Maanden;
    }

    public static ThuiszitterCode Code(DurationBand band) => band switch
    {
        DurationBand.Tot4Weken => ThuiszitterCode.Geel,
        DurationBand.Tot3Maanden => ThuiszitterCode.Oranje,
        _ => ThuiszitterCode.Rood,
    };
}

/// <summary>Students absent in each band on one day.</summary>
public sealed record BandCounts(int Tot4Weken, int Tot3Maanden, int LangerDan3Maanden)
{
    public static BandCounts Zero { get; } = new(0, 0, 0);

    public int Total => Tot4Weken + Tot3Maanden + LangerDan3Maanden;

    public BandCounts Add(DurationBand band) => band switch
    {
        DurationBand.Tot4Weken => this with { Tot4Weken = Tot4Weken + 1 },
        DurationBand.Tot3Maanden => this with { Tot3Maanden = Tot3Maanden + 1 },
        _ => this with { LangerDan3Maanden = LangerDan3Maanden + 1 },
    };

    public BandCounts Plus(BandCounts other) =>
        new(Tot4Weken + other.Tot4Weken, Tot3Maanden + other.Tot3Maanden, LangerDan3Maanden + other.LangerDan3Maanden);
}
