using System.Collections.Concurrent;
using System.Globalization;

namespace VerzuimBot.Tables.Instrumentation;

/// <summary>
/// Counts the store round trips made inside a scope, per <see cref="TableOperation"/>, through an
/// <see cref="InstrumentedTableStoreFactory"/>: <c>using var scope = TableCallCounter.Begin(); ...;
/// Assert.True(scope.Writes &lt;= 3, scope.ToString());</c>. The scope is ambient (<see cref="AsyncLocal{T}"/>):
/// it follows the code that begins it into every call and task started after, and nested scopes also
/// count into their outer ones. A query that follows N continuation pages counts N reads; a call is
/// counted when it is made, also when it fails. Thread-safe.
/// </summary>
/// <remarks>
/// An in-process host test must let the scope reach the request: ASP.NET Core's TestServer runs each
/// request in a fresh execution context unless <c>factory.Server.PreserveExecutionContext = true</c>.
/// </remarks>
public sealed class TableCallCounter : IDisposable
{
    private static readonly AsyncLocal<TableCallCounter?> Current = new();
    private static readonly int OperationCount = Enum.GetValues<TableOperation>().Length;

    private readonly TableCallCounter? _outer;
    private readonly int[] _counts = new int[OperationCount];
    private readonly ConcurrentQueue<(string Table, TableOperation Operation)> _calls = new();
    private volatile bool _ended;

    private TableCallCounter(TableCallCounter? outer) => _outer = outer;

    /// <summary>Starts counting in the current async flow until the scope is disposed.</summary>
    public static TableCallCounter Begin()
    {
        var scope = new TableCallCounter(Current.Value);
        Current.Value = scope;
        return scope;
    }

    /// <summary>Gets and query pages.</summary>
    public int Reads => Count(TableOperation.Get) + Count(TableOperation.QueryPage);

    /// <summary>Adds, upserts, updates, deletes and transactions (a transaction is one write, whatever it holds).</summary>
    public int Writes => Count(TableOperation.Add) + Count(TableOperation.Upsert) + Count(TableOperation.Update) + Count(TableOperation.Delete) + Count(TableOperation.Transaction);

    /// <summary>Every call, table creation included.</summary>
    public int RoundTrips => Enum.GetValues<TableOperation>().Sum(Count);

    /// <summary>Each call in the order made: which table, which operation (never keys or values).</summary>
    public IReadOnlyList<(string Table, TableOperation Operation)> Calls => [.. _calls];

    public int Count(TableOperation operation) => Volatile.Read(ref _counts[(int)operation]);

    /// <summary>E.g. "3 reads, 2 writes: Dossiers Get, Tasks QueryPage, ..." for assertion messages.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Reads} reads, {Writes} writes: {string.Join(", ", Calls.Select(call => $"{call.Table} {call.Operation}"))}");

    public void Dispose()
    {
        _ended = true;
        if (ReferenceEquals(Current.Value, this))
        {
            Current.Value = _outer;
        }
    }

    internal static void Record(string table, TableOperation operation)
    {
        for (var scope = Current.Value; scope is not null; scope = scope._outer)
        {
            if (!scope._ended)
            {
                Interlocked.Increment(ref scope._counts[(int)operation]);
                scope._calls.Enqueue((table, operation));
            }
        }
    }
}
