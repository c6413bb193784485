namespace VerzuimBot.Access.Retention;

/// <summary>A school's bewaartermijn in months: its protocol profile's "bewaartermijnMaanden" (the host knows the profiles).</summary>
public interface IRetentionPeriods
{
    int MonthsFor(string schoolId);
}
