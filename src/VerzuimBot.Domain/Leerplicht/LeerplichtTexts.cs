using System.Globalization;

namespace VerzuimBot.Domain.Leerplicht;

/// <summary>The student's place in the Leerplichtwet in Dutch, for the cards of the leerplicht route (002 §1.1-1.2).</summary>
public static class LeerplichtTexts
{
    public static string Status(StudentFacts facts, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return (LeerplichtAge.PhaseOn(facts, date), facts.BirthDate) switch
        {
            (LeerplichtPhase.Leerplichtig, { } birth) => $"leerplichtig tot en met {Day(LeerplichtAge.LeerplichtEnd(birth))}",
            (LeerplichtPhase.Kwalificatieplichtig, { } birth) => $"kwalificatieplichtig (geen startkwalificatie) tot {Day(birth.AddYears(18))}",
            (LeerplichtPhase.NotYet, { } birth) => $"nog niet leerplichtig (vanaf {Day(LeerplichtAge.LeerplichtStart(birth))})",
            (LeerplichtPhase.Past, _) => "niet meer leerplichtig of kwalificatieplichtig",
            _ => "leeftijd onbekend (geen geboortedatum op de leerlingenlijst): de route loopt zoals voor een leerplichtige",
        };
    }

    private static string Day(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
}
