namespace VerzuimBot.Domain.Calendar;

/// <summary>A date the calendar holds no holiday data for: the bot refuses to guess school days there.</summary>
public sealed class OutsideKnownCalendarException(DateOnly date, DateOnly knownFrom, DateOnly knownUntil)
    : Exception($"De datum {date:dd-MM-yyyy} valt buiten de bekende schoolkalender ({knownFrom:dd-MM-yyyy} t/m {knownUntil:dd-MM-yyyy}).")
{
    public DateOnly Date { get; } = date;
}
