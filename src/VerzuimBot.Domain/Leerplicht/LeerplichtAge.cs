using VerzuimBot.Domain.Calendar;

namespace VerzuimBot.Domain.Leerplicht;

/// <summary>
/// 002 §1.1: "De leerplicht begint op de eerste schooldag van de maand die volgt op de maand waarin het kind 5 jaar is geworden"
/// and ends "aan het einde van het schooljaar waarin de jongere 16 jaar is geworden"; §1.2: then the kwalificatieplicht runs
/// "tot de dag dat de jongere een startkwalificatie heeft gehaald, of tot de dag dat de jongere 18 jaar wordt". The other end
/// of §1.1 (the end of the 12th school year) is not known from a roster and is not applied.
/// </summary>
public static class LeerplichtAge
{
    public static LeerplichtPhase PhaseOn(StudentFacts facts, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.BirthDate is not { } birth)
        {
            return LeerplichtPhase.Unknown;
        }

        if (date < LeerplichtStart(birth))
        {
            return LeerplichtPhase.NotYet;
        }

        if (date <= LeerplichtEnd(birth))
        {
            return LeerplichtPhase.Leerplichtig;
        }

        return facts.HasStartkwalificatie == true || date >= birth.AddYears(18) ? LeerplichtPhase.Past : LeerplichtPhase.Kwalificatieplichtig;
    }

    /// <summary>The first day of the month after the month of the 5th birthday (a school day or not: days off count for nothing anyway).</summary>
    public static DateOnly LeerplichtStart(DateOnly birth)
    {
        var fifth = birth.AddYears(5);
        return new DateOnly(fifth.Year, fifth.Month, 1).AddMonths(1);
    }

    /// <summary>31 July of the school year in which the 16th birthday falls.</summary>
    public static DateOnly LeerplichtEnd(DateOnly birth) => SchoolYear.Of(birth.AddYears(16)).Last;

    /// <summary>Whether the leerplicht route (DUO meldingen, leerplicht's judgement) applies: leerplichtig, kwalificatieplichtig, or not known.</summary>
    public static bool RouteApplies(LeerplichtPhase phase) => phase is LeerplichtPhase.Unknown or LeerplichtPhase.Leerplichtig or LeerplichtPhase.Kwalificatieplichtig;

    /// <summary>The student is 5 on <paramref name="date"/> (from the 5th to the day before the 6th birthday).</summary>
    public static bool IsFiveOn(StudentFacts facts, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.BirthDate is { } birth && date >= birth.AddYears(5) && date < birth.AddYears(6);
    }
}
