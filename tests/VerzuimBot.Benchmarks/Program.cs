using System.Globalization;
using VerzuimBot.Benchmarks;
using VerzuimBot.Tables.AzureTables;
using VerzuimBot.Tables.Sqlite;

// A plain measured console program (not a test): dossier appends and one-school queries on the
// embedded SQLite store and on Azurite. Usage: dotnet run -c Release --project tests/VerzuimBot.Benchmarks [appends] [queries]
// The SWV digest (issue 9): dotnet run -c Release --project tests/VerzuimBot.Benchmarks digest [runs]
if (args.Length > 0 && args[0] == "digest")
{
    await DigestBenchmarkRunner.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
    return;
}

// The absence import (issue 22): a school's year of registrations on the embedded store, then the same file again.
if (args.Length > 0 && args[0] == "absences")
{
    var folder = Directory.CreateTempSubdirectory("verzuimbot-absences-").FullName;
    try
    {
        var outcome = await AbsenceImportBenchmark.RunAsync(new SqliteTableStoreFactory(folder));
        Console.WriteLine("| students | rows | file MB | dossiers changed | facts | first import s | rows/s | same file again s |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {AbsenceImportBenchmark.Students} | {outcome.Rows} | {outcome.Bytes / 1048576.0:F1} | {outcome.FirstReport.StudentsChanged} | {outcome.FirstReport.FactsAdded} | {outcome.First.TotalSeconds:F1} | {outcome.Rows / outcome.First.TotalSeconds:F0} | {outcome.Second.TotalSeconds:F1} |"));
        Console.WriteLine(outcome.FirstReport.Summary);
        Console.WriteLine(outcome.SecondReport.Summary);
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    return;
}

var appends = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var queries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var results = new List<StorageBenchmark.Result>();

var dataDirectory = Directory.CreateTempSubdirectory("verzuimbot-bench-").FullName;
try
{
    results.AddRange(await StorageBenchmark.RunAsync("SQLite (file)", new SqliteTableStoreFactory(dataDirectory), appends, queries));
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(dataDirectory, recursive: true);
}

using (var azurite = await AzuriteProcess.StartAsync())
{
    results.AddRange(await StorageBenchmark.RunAsync("Azurite (in memory)", new AzureTableStoreFactory(azurite.ConnectionString), appends, queries));
}

Console.WriteLine();
Console.WriteLine($"| {"backend",-20} | {"operation",-42} | {"n",5} | {"mean ms",8} | {"p50 ms",8} | {"p95 ms",8} | {"ops/s",8} |");
Console.WriteLine($"|{new string('-', 22)}|{new string('-', 44)}|{new string('-', 7)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 10)}|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Backend,-20} | {r.Operation,-42} | {r.Count,5} | {r.MeanMs,8:F2} | {r.P50Ms,8:F2} | {r.P95Ms,8:F2} | {r.PerSecond,8:F0} |"));
}
