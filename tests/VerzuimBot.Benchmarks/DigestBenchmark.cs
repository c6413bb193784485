using System.Diagnostics;
using System.Globalization;
using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Digest;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Storage;
using VerzuimBot.Tables;
using VerzuimBot.Protocol.Digest;
using DossierEvent = VerzuimBot.Domain.Dossier.DossierEvent;
using StoredEvent = VerzuimBot.Storage.DossierEvent;

namespace VerzuimBot.Benchmarks;

/// <summary>
/// Issue 9 item 5: the digest of an SWV of 60 schools and 100,000 students, computed from the embedded store.
/// Synthetic, deterministic data (seed 42) as of Monday 30 Nov 2026: ~3% of students away now, ~15% with a
/// closed sick period this school year, some with ongeoorloofde uren, and thuiszitters (open, some reported to
/// the SWV, some back). Every student has a roster entry with a birth date (ages 11 to 18), which the digest reads for
/// the dossiers it counts. Five schools outside the SWV share the table, to show they are not read.
/// </summary>
internal static class DigestBenchmark
{
    public const int Schools = 60;
    public const int Students = 100_000;
    private const int OtherSchools = 5;

    private static readonly DateTimeOffset Now = SchoolClock.At(new DateOnly(2026, 11, 30), new TimeOnly(10, 0));
    private static readonly Actor Staff = new(new StaffId("staff-1"), Role.Zorgcoordinator);
    private static readonly ProtocolProfile Profile = ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo);
    private static readonly SchoolCalendar Calendar = SchoolCalendar.ForRegion(HolidayRegion.Midden);

    public sealed record Outcome(int Dossiers, TimeSpan Generate, IReadOnlyList<TimeSpan> Runs, SwvDigest Digest, TimeSpan Read, TimeSpan Compute);

    public static async Task<Outcome> RunAsync(ITableStoreFactory tables, int runs)
    {
        var store = new DossierStore(tables);
        var roster = new RosterStore(tables);
        var generate = Stopwatch.StartNew();
        var dossiers = await GenerateAsync(store, roster);
        generate.Stop();

        var schoolIds = Enumerable.Range(0, Schools).Select(SchoolId).ToList();
        var query = new DigestQuery(store, roster, _ => (Profile, Calendar));
        var timings = new List<TimeSpan>();
        SwvDigest? digest = null;
        for (var i = 0; i <= runs; i++)
        {
            var watch = Stopwatch.StartNew();
            digest = await query.ComputeAsync(schoolIds, Now, Now.AddDays(-7));
            watch.Stop();
            if (i > 0)
            {
                timings.Add(watch.Elapsed); // run 0 warms up the connections and the JIT
            }
        }

        // The same work in its two halves, to see where the time goes.
        var read = Stopwatch.StartNew();
        var request = await query.ReadAsync(schoolIds, Now, Now.AddDays(-7));
        read.Stop();
        var compute = Stopwatch.StartNew();
        SwvDigestCalculator.Compute(request);
        compute.Stop();
        return new Outcome(dossiers, generate.Elapsed, timings, digest!, read.Elapsed, compute.Elapsed);
    }

    private static string SchoolId(int i) => "SWV" + i.ToString("D2", CultureInfo.InvariantCulture) + "XX";

    private static async Task<int> GenerateAsync(DossierStore store, RosterStore roster)
    {
        var random = new Random(42);
        await SeedRosterAsync(roster);
        var schoolDays = SchoolDaysBefore(new DateOnly(2026, 11, 30), 200);
        var count = 0;
        var perSchool = Students / Schools;
        for (var s = 0; s < Schools + OtherSchools; s++)
        {
            var school = s < Schools ? SchoolId(s) : "OTHER" + s.ToString(CultureInfo.InvariantCulture);
            for (var n = 0; n < perSchool; n++)
            {
                var events = Dossier(random, schoolDays);
                if (events.Count == 0)
                {
                    continue;
                }

                var student = school + "-" + n.ToString("D5", CultureInfo.InvariantCulture);
                var view = DossierView.From(new StudentId(student), events);
                var open = view.CurrentSickPeriod is not null || view.OpenThuiszitterCase(Profile.Thuiszitter) is not null;
                var stored = events.Select(e =>
                {
                    var (type, json) = DossierEventSerializer.Serialize(e);
                    return new StoredEvent(e.Id.Value, new StoredEnvelope(type, json), e.RecordedAt);
                }).ToList();
                await store.AppendAsync(school, student, 0, stored, open ? DossierStatus.Open : DossierStatus.Closed);
                count++;
            }
        }

        return count;
    }

    /// <summary>A roster entry for every student, born between 1 Jan 2008 and 31 Aug 2015 (so a few are 18 on the digest's day).</summary>
    private static async Task SeedRosterAsync(RosterStore roster)
    {
        var random = new Random(7);
        var perSchool = Students / Schools;
        var born = new DateOnly(2008, 1, 1);
        var span = new DateOnly(2015, 8, 31).DayNumber - born.DayNumber;
        var students = new List<RosterStudent>((Schools + OtherSchools) * perSchool);
        for (var s = 0; s < Schools + OtherSchools; s++)
        {
            var school = s < Schools ? SchoolId(s) : "OTHER" + s.ToString(CultureInfo.InvariantCulture);
            for (var n = 0; n < perSchool; n++)
            {
                var number = n.ToString("D5", CultureInfo.InvariantCulture);
                var details = new RosterStudentDetails(number, "Leerling", null, number, born.AddDays(random.Next(span)), "2b", "mentor@school.example.nl", "Utrecht", SchoolType.VO);
                students.Add(new RosterStudent(school, school + "-" + number, details.ToEnvelope(), Now));
            }
        }

        await Parallel.ForEachAsync(students, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (student, token) => await roster.UpsertStudentAsync(student, token));
    }

    /// <summary>One student's events: mostly none; otherwise a short sickness, a current one, hours, or a thuiszitter case.</summary>
    private static List<DossierEvent> Dossier(Random random, List<DateOnly> days)
    {
        var events = new List<DossierEvent>();
        var roll = random.NextDouble();
        var id = 0;
        EventId Next() => new("e" + (++id).ToString(CultureInfo.InvariantCulture));
        DateTimeOffset At(DateOnly day, int hour) => SchoolClock.At(day, new TimeOnly(hour, 0));

        if (roll < 0.15)
        {
            // A closed sickness of 1-5 school days somewhere in the last 60 school days.
            var start = random.Next(6, 60);
            var first = days[start];
            var back = days[start - random.Next(1, 6)];
            events.Add(new ZiekmeldingRecorded(Next(), At(first, 8), Staff, first, null, true));
            events.Add(new MentorContactRecorded(Next(), At(first, 12), Staff, true, first, ContactChannel.Telefoon, null, null, false));
            events.Add(new BeterMeldingRecorded(Next(), At(back, 7), Staff, back));
        }
        else if (roll < 0.178)
        {
            // Away now, 1-10 school days.
            var first = days[random.Next(0, 10)];
            events.Add(new ZiekmeldingRecorded(Next(), At(first, 8), Staff, first, null, random.NextDouble() < 0.5));
            if (random.NextDouble() < 0.7)
            {
                events.Add(new MentorContactRecorded(Next(), At(first, 12), Staff, true, first, ContactChannel.Mail, null, null, false));
            }
        }
        else if (roll < 0.183)
        {
            // Ongeoorloofde uren on a few days.
            for (var i = 0; i < random.Next(1, 5); i++)
            {
                var day = days[random.Next(0, 40)];
                events.Add(new UnauthorisedHoursRecorded(Next(), At(day, 10), Staff, day, random.Next(1, 5)));
            }
        }
        else if (roll < 0.185)
        {
            // A thuiszitter case: away 25-120 school days; judged after 4 weeks; some reported to the SWV, some back.
            var away = random.Next(25, 120);
            var first = days[away];
            events.Add(new ZiekmeldingRecorded(Next(), At(first, 8), Staff, first, null, true));
            events.Add(new MentorContactRecorded(Next(), At(first, 12), Staff, true, first, ContactChannel.Telefoon, null, null, true));
            events.Add(new GesprekRecorded(Next(), At(days[away - 6], 14), Staff, days[away - 6], GesprekOutcome.AdviesJeugdarts));
            events.Add(new JeugdartsAanmeldingSent(Next(), At(days[away - 7], 15), Staff, days[away - 7], "Langdurig ziek", "Gesprek", days[away - 6]));
            var judged = days[away - 21];
            events.Add(new LeerplichtJudgementRecorded(Next(), At(judged, 10), Staff, true, null));
            if (random.NextDouble() < 0.6)
            {
                events.Add(new ThuiszitterChecklistItemCompleted(Next(), At(judged, 11), Staff, Profile.Thuiszitter.SchoolChecklist[1]));
                events.Add(new PlanVanAanpakAgreed(Next(), At(days[away - 23], 13), Staff, days[away - 23], new StaffId("regie-" + random.Next(100).ToString(CultureInfo.InvariantCulture))));
            }

            if (random.NextDouble() < 0.3)
            {
                var back = days[random.Next(0, away - 22)];
                events.Add(new BeterMeldingRecorded(Next(), At(back, 7), Staff, back));
                events.Add(new ReturnedToSchool(Next(), At(back, 9), Staff, back, random.NextDouble() < 0.5));
            }
        }

        return events;
    }

    /// <summary>School days before <paramref name="day"/>, newest first (index 0 is the day itself when it is one).</summary>
    private static List<DateOnly> SchoolDaysBefore(DateOnly day, int count)
    {
        var list = new List<DateOnly>(count);
        for (var d = day; list.Count < count; d = d.AddDays(-1))
        {
            if (Calendar.IsSchoolDay(d))
            {
                list.Add(d);
            }
        }

        return list;
    }
}
