namespace VerzuimBot.Domain.Calendar;

/// <summary>A school year: 1 August of <see cref="StartYear"/> to 31 July of the next year (seed 002, §1.1).</summary>
public readonly record struct SchoolYear(int StartYear)
{
    public DateOnly First => new(StartYear, 8, 1);

    public DateOnly Last => new(StartYear + 1, 7, 31);

    public static SchoolYear Of(DateOnly date) => new(date.Month >= 8 ? date.Year : date.Year - 1);

    public override string ToString() => $"{StartYear}-{StartYear + 1}";
}
