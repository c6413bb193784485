using System.Globalization;
using VerzuimBot.Tables.Sqlite;

namespace VerzuimBot.Benchmarks;

/// <summary>Runs <see cref="DigestBenchmark"/> on a SQLite store in a temp directory and prints the figures.</summary>
internal static class DigestBenchmarkRunner
{
    public static async Task RunAsync(int runs)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("verzuimbot-digest-").FullName;
        try
        {
            var outcome = await DigestBenchmark.RunAsync(new SqliteTableStoreFactory(dataDirectory), runs);
            var ms = outcome.Runs.Select(r => r.TotalMilliseconds).Order().ToList();
            var total = outcome.Digest.Total;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SWV digest, SQLite (file): {DigestBenchmark.Schools} schools, {DigestBenchmark.Students} students, {outcome.Dossiers} dossiers stored (generated in {outcome.Generate.TotalSeconds:F1} s)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  absent {total.Absent.Total} (tot 4 weken {total.Absent.Tot4Weken}, tot 3 maanden {total.Absent.Tot3Maanden}, langer {total.Absent.LangerDan3Maanden}), open thuiszitters {total.OpenThuiszitterCases}, listed {outcome.Digest.Thuiszitters.Count}, overdue {total.OverdueTotal}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  compute digest from the store: n={ms.Count}, mean {ms.Average():F0} ms, min {ms[0]:F0} ms, max {ms[^1]:F0} ms (target < 2000 ms)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  of which reading {outcome.Read.TotalMilliseconds:F0} ms, computing {outcome.Compute.TotalMilliseconds:F0} ms (one run)"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
