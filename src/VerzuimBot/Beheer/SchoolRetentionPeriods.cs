using VerzuimBot.Access.Retention;
using VerzuimBot.Protocol.Schools;

namespace VerzuimBot.Beheer;

/// <summary>Each school's bewaartermijn is its protocol profile's "bewaartermijnMaanden" (issue 19 item 8).</summary>
internal sealed class SchoolRetentionPeriods(SchoolProtocols protocols) : IRetentionPeriods
{
    public int MonthsFor(string schoolId) => protocols.For(schoolId).Profile.RetentionMonths;
}
