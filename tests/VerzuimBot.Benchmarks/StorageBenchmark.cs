using System.Diagnostics;
using System.Globalization;
using VerzuimBot.Storage;
using VerzuimBot.Tables;

namespace VerzuimBot.Benchmarks;

/// <summary>Measures dossier appends and one-school queries on one backend.</summary>
internal static class StorageBenchmark
{
    public sealed record Result(string Backend, string Operation, int Count, double MeanMs, double P50Ms, double P95Ms, double PerSecond);

    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(1));

    public static async Task<IReadOnlyList<Result>> RunAsync(string backend, ITableStoreFactory tables, int appends, int queries)
    {
        var dossiers = new DossierStore(tables);
        var results = new List<Result>();

        // Warm-up: creates the table and the connections.
        await dossiers.AppendWithRetryAsync("warmup", "s", [Event(0)]);

        const int students = 50;
        var versions = new long[students];
        results.Add(await MeasureAsync(backend, "append 1 event to a dossier", appends, async i =>
        {
            var student = i % students;
            versions[student] = await dossiers.AppendAsync("school-a", "student-" + student, versions[student], [Event(i)]);
        }));

        for (var s = 0; s < students; s += 5)
        {
            await dossiers.AppendAsync("school-a", "student-" + s, versions[s], [Event(-s)], DossierStatus.Closed);
        }

        for (var s = 0; s < students; s++)
        {
            await dossiers.AppendAsync("school-b", "student-" + s, 0, [Event(s)]);
        }

        results.Add(await MeasureAsync(backend, $"open dossiers of one school ({students} students)", queries, async _ =>
        {
            var open = await dossiers.ListOpenAsync("school-a");
            if (open.Count != students - (students / 5))
            {
                throw new InvalidOperationException("Unexpected number of open dossiers: " + open.Count);
            }
        }));

        results.Add(await MeasureAsync(backend, "read one dossier (in order)", queries, async _ =>
        {
            var dossier = await dossiers.ReadAsync("school-a", "student-1");
            if (dossier.Events.Count == 0)
            {
                throw new InvalidOperationException("Empty dossier.");
            }
        }));

        return results;
    }

    private static async Task<Result> MeasureAsync(string backend, string operation, int count, Func<int, Task> action)
    {
        var timings = new double[count];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var one = Stopwatch.StartNew();
            await action(i);
            timings[i] = one.Elapsed.TotalMilliseconds;
        }

        total.Stop();
        Array.Sort(timings);
        return new Result(backend, operation, count, timings.Average(), timings[count / 2], timings[(int)(count * 0.95)], count / total.Elapsed.TotalSeconds);
    }

    private static DossierEvent Event(int i) => new(
        "evt-" + i.ToString(CultureInfo.InvariantCulture),
        new StoredEnvelope("Ziekmelding", "{\"dag\":" + i.ToString(CultureInfo.InvariantCulture) + ",\"toelichting\":\"buikpijn, bellen na 3 dagen\"}"),
        Start.AddMinutes(i));
}
