namespace VerzuimBot.Domain.Calendar;

/// <summary>A day off or holiday; <see cref="First"/> and <see cref="Last"/> are both included.</summary>
/// <param name="Advisory">
/// An advisory holiday (herfst- and voorjaarsvakantie): a school may move it without asking OCW. Zomer-, kerst- and
/// meivakantie are mandatory (Regeling vaststelling schoolvakanties; rijksoverheid.nl "Overheid stelt data schoolvakanties vast").
/// </param>
public sealed record SchoolHoliday(string Name, DateOnly First, DateOnly Last, bool Advisory = false)
{
    public bool Contains(DateOnly date) => date >= First && date <= Last;
}
