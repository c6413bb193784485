using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Domain.Rules;

/// <summary>One school's protocol: its profile and calendar, and the rules engine on them.</summary>
public sealed record SchoolProtocol(string SchoolId, ProtocolProfile Profile, SchoolCalendar Calendar)
{
    public ProtocolEngine Engine { get; } = new(Profile, Calendar);
}
