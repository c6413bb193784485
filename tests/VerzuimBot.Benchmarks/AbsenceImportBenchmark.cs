using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Protocol.AbsenceImport;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Tasks;
using VerzuimBot.Storage;
using VerzuimBot.Tables;

namespace VerzuimBot.Benchmarks;

/// <summary>
/// Issue 22: a school's year of absence registrations (1,500 students, ~150,000 rows in Magister's layout, one row per lesuur)
/// imported into the embedded store through the real importer and write path, then the same file again. Synthetic and
/// deterministic (seed 42): per student some sick spells of whole days, hours ongeoorloofd, late arrivals, doctor's visits,
/// and for a few verlof or a schorsing, on the school days of 2026-2027 (region midden) up to Friday 16 July 2027.
/// </summary>
internal static class AbsenceImportBenchmark
{
    public const int Students = 1_500;
    private const string School = "12AB00";
    private static readonly DateTimeOffset Now = SchoolClock.At(new DateOnly(2027, 7, 16), new TimeOnly(17, 0));

    public sealed record Outcome(int Rows, int Bytes, TimeSpan First, AbsenceImportReport FirstReport, TimeSpan Second, AbsenceImportReport SecondReport);

    public static async Task<Outcome> RunAsync(ITableStoreFactory tables)
    {
        var time = new FixedTime(Now);
        var ids = StudentIds.ForDevelopment();
        var roster = new RosterStore(tables);
        var protocols = new SchoolProtocols(Options.Create(new SchoolsOptions()));
        var calendar = protocols.For(School).Calendar;
        var dossierStore = new DossierStore(tables);
        var dossiers = new DossierService(dossierStore, protocols, time, roster);
        var importer = new AbsenceImporter(dossiers, dossierStore, new AbsenceRegistrationStore(tables), roster, protocols, new AuditTrail(new AuditStore(tables), time),
            new SweepTrigger(), new AbsenceImportOptions(), time, NullLogger<AbsenceImporter>.Instance);

        for (var s = 0; s < Students; s++)
        {
            var number = Number(s);
            var details = new RosterStudentDetails(number, "Leerling" + s.ToString(CultureInfo.InvariantCulture), null, "Fictief", new DateOnly(2012, 1, 1).AddDays(s % 700), "k" + (s % 40).ToString(CultureInfo.InvariantCulture), "mentor@school.example.nl", "Utrecht", SchoolType.VO);
            await roster.UpsertStudentAsync(new RosterStudent(School, ids.For(new SchoolId(School), number).Value, details.ToEnvelope(), Now));
        }

        var (csv, rows) = Export(calendar);
        var bytes = Encoding.UTF8.GetBytes(csv);
        var request = new AbsenceImportRequest(School, "magister-absenties-2026-2027.csv", bytes, AbsenceMapping.BuiltIn("magister")!, new Actor(new StaffId("beheer-cli"), Role.Beheerder), School);
        var first = Stopwatch.StartNew();
        var report = await importer.ImportAsync(request);
        first.Stop();
        var second = Stopwatch.StartNew();
        var again = await importer.ImportAsync(request);
        second.Stop();
        return new Outcome(rows, bytes.Length, first.Elapsed, report, second.Elapsed, again);
    }

    private static string Number(int s) => (300000 + s).ToString(CultureInfo.InvariantCulture);

    private static (string Csv, int Rows) Export(SchoolCalendar calendar)
    {
        var random = new Random(42);
        var days = new List<DateOnly>();
        for (var day = new DateOnly(2026, 8, 17); day <= new DateOnly(2027, 7, 16); day = day.AddDays(1))
        {
            if (calendar.IsSchoolDay(day))
            {
                days.Add(day);
            }
        }

        var csv = new StringBuilder("Stamnr;Roepnaam;Achternaam;Klas;Datum;Lesuur;Absentiecode;Omschrijving;Absentie-id\n");
        var rows = 0;
        var id = 5_000_000;
        for (var s = 0; s < Students; s++)
        {
            var taken = new HashSet<(DateOnly, int)>();
            var wholeDays = new HashSet<DateOnly>();
            void Row(DateOnly day, string lesuur, string code, string what) =>
                csv.Append(CultureInfo.InvariantCulture, $"{Number(s)};Leerling{s};Fictief;k{s % 40};{day:dd-MM-yyyy};{lesuur};{code};{what};{++id}\n");

            // Sick spells of whole days: a row per lesuur, as Magister registers them.
            for (var spell = random.Next(0, 8); spell > 0; spell--)
            {
                var start = random.Next(0, days.Count - 6);
                for (var d = 0; d < random.Next(1, 6); d++)
                {
                    var day = days[start + d];
                    if (!wholeDays.Add(day))
                    {
                        continue;
                    }

                    for (var lesuur = 1; lesuur <= 7; lesuur++)
                    {
                        taken.Add((day, lesuur));
                        Row(day, lesuur.ToString(CultureInfo.InvariantCulture), "ZK", "Ziek");
                        rows++;
                    }
                }
            }

            if (random.NextDouble() < 0.04)
            {
                var start = random.Next(0, days.Count - 3);
                var code = random.NextDouble() < 0.3 ? ("GE", "Geschorst extern") : ("V", "Verlof");
                for (var d = 0; d < random.Next(1, 3); d++)
                {
                    if (wholeDays.Add(days[start + d]))
                    {
                        Row(days[start + d], string.Empty, code.Item1, code.Item2);
                        rows++;
                    }
                }
            }

            foreach (var (count, code, what) in new[] { (random.Next(0, 50), "AFW-O", "Afwezig ongeoorloofd"), (random.Next(0, 26), "TL", "Te laat"), (random.Next(0, 14), "M", "Medisch") })
            {
                for (var n = 0; n < count; n++)
                {
                    var day = days[random.Next(days.Count)];
                    var lesuur = code == "TL" ? 1 : random.Next(1, 8);
                    if (wholeDays.Contains(day) || !taken.Add((day, lesuur)))
                    {
                        continue;
                    }

                    Row(day, lesuur.ToString(CultureInfo.InvariantCulture), code, what);
                    rows++;
                }
            }
        }

        return (csv.ToString(), rows);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
