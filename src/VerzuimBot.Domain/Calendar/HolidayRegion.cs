namespace VerzuimBot.Domain.Calendar;

/// <summary>The three Dutch school-holiday regions.</summary>
public enum HolidayRegion
{
    Noord = 1,
    Midden,
    Zuid,
}
