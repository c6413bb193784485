using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Digest;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Storage;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Students;

namespace VerzuimBot.Protocol.Digest;

/// <summary>
/// Reads what the digest counts for the SWV's schools and computes it. Only the schools' own partitions are read:
/// per school one range read of head rows (open dossiers, plus closed ones changed within the look-back), one range
/// read of the school's event rows for those dossiers, and one of its roster for their birth dates and startkwalificatie
/// (so the digest judges age as the protocol does: no leerplicht steps overdue for an 18-year-old, a five-year-old's
/// hours at home not counted). Closed dossiers untouched since the look-back can add nothing: their periods ended
/// before the trend and doorloop weeks and before this school year.
/// </summary>
public sealed class DigestQuery(DossierStore dossiers, RosterStore roster, Func<string, (ProtocolProfile Profile, SchoolCalendar Calendar)> protocols)
{
    internal DigestQuery(DossierStore dossiers, RosterStore roster, SchoolProtocols protocols)
        : this(dossiers, roster, school => (protocols.For(school).Profile, protocols.For(school).Calendar))
    {
    }

    public async Task<SwvDigest> ComputeAsync(IReadOnlyCollection<string> schoolIds, DateTimeOffset now, DateTimeOffset? previousDigestAt, CancellationToken cancellationToken = default)
    {
        var request = await ReadAsync(schoolIds, now, previousDigestAt, cancellationToken).ConfigureAwait(false);
        return SwvDigestCalculator.Compute(request);
    }

    public async Task<DigestRequest> ReadAsync(IReadOnlyCollection<string> schoolIds, DateTimeOffset now, DateTimeOffset? previousDigestAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schoolIds);
        var template = new DigestRequest([], now, previousDigestAt);
        var lookBack = LookBack(now, previousDigestAt, Math.Max(template.TrendWeeks, 2 * template.DoorloopPeriodWeeks));
        var schools = new List<DigestSchool>(schoolIds.Count);
        foreach (var schoolId in schoolIds.Distinct(StringComparer.Ordinal))
        {
            var (profile, calendar) = protocols(schoolId);
            var heads = await dossiers.ListHeadsAsync(schoolId, lookBack, cancellationToken).ConfigureAwait(false);
            var students = heads.Select(h => h.StudentId).ToHashSet(StringComparer.Ordinal);
            var events = await dossiers.ReadManyAsync(schoolId, students, cancellationToken).ConfigureAwait(false);
            var entries = await roster.ListStudentsAsync(schoolId, students, cancellationToken).ConfigureAwait(false);
            var views = events.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => DossierView.From(
                    new StudentId(e.Key),
                    e.Value.Select(stored => DossierEventSerializer.Deserialize(stored.Event.Payload.Json)),
                    RosterFacts.Of(entries.GetValueOrDefault(e.Key))))
                .ToList();
            schools.Add(new DigestSchool(new SchoolId(schoolId), profile, calendar, views));
        }

        return template with { Schools = schools };
    }

    /// <summary>
    /// The earliest change that can still count: the start of the school year, the previous digest, or the trend and
    /// doorloop weeks back (school weeks, so with room for the holidays in between: 12 calendar weeks extra).
    /// </summary>
    private static DateTimeOffset LookBack(DateTimeOffset now, DateTimeOffset? previousDigestAt, int schoolWeeks)
    {
        var today = SchoolClock.LocalDate(now);
        var candidates = new[]
        {
            SchoolClock.At(SchoolYear.Of(today).First, TimeOnly.MinValue),
            SchoolClock.At(today.AddDays(-7 * (schoolWeeks + 12)), TimeOnly.MinValue),
            previousDigestAt ?? now,
        };
        return candidates.Min();
    }
}
