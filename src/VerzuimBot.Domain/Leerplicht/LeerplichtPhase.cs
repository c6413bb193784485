namespace VerzuimBot.Domain.Leerplicht;

/// <summary>Where a student stands in the Leerplichtwet on a day (002 §1.1 leerplicht, §1.2 kwalificatieplicht).</summary>
public enum LeerplichtPhase
{
    /// <summary>No birth date on the roster: the route behaves as for a leerplichtige and says the age is unknown.</summary>
    Unknown = 1,

    /// <summary>Before the first school day of the month after the 5th birthday.</summary>
    NotYet,

    /// <summary>From then to the end of the school year in which the student turns 16.</summary>
    Leerplichtig,

    /// <summary>After that, without a startkwalificatie, until the 18th birthday.</summary>
    Kwalificatieplichtig,

    /// <summary>18 or older, or a startkwalificatie after the leerplicht ended: the leerplicht route no longer applies.</summary>
    Past,
}
