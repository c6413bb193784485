using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Domain.Digest;

/// <summary>One school of the SWV with its protocol and the dossiers the digest counts (open and closed).</summary>
public sealed record DigestSchool(SchoolId School, ProtocolProfile Profile, SchoolCalendar Calendar, IReadOnlyList<DossierView> Dossiers);

/// <summary>
/// What to compute the digest for. <see cref="PreviousDigestAt"/> bounds "sinds het vorige overzicht";
/// without it the window starts at the beginning of the current school year.
/// </summary>
public sealed record DigestRequest(IReadOnlyList<DigestSchool> Schools, DateTimeOffset Now, DateTimeOffset? PreviousDigestAt)
{
    /// <summary>Data points of the duration-band trend (one per school week). Default 8: the RBL–SWV overleg cadence (000, §4).</summary>
    public int TrendWeeks { get; init; } = 8;

    /// <summary>School weeks per doorloopsnelheid period, compared with the same number of weeks before it.</summary>
    public int DoorloopPeriodWeeks { get; init; } = 8;
}
