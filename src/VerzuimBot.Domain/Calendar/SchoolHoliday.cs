namespace VerzuimBot.Domain.Calendar;

/// <summary>A day off or holiday; <see cref="First"/> and <see cref="Last"/> are both included.</summary>
public sealed record SchoolHoliday(string Name, DateOnly First, DateOnly Last)
{
    public bool Contains(DateOnly date) => date >= First && date <= Last;
}
