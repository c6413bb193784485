using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Schools;

/// <summary>
/// The Schools table, shared by the roster, dossier, task and audit stores of one table store: created and brought to
/// the current layout (<see cref="SchoolTableMigration"/>) once, on first use, before anything is read or written. It
/// also keeps the registry of schools that have tasks, which the reminder sweep walks instead of scanning dossiers.
/// </summary>
internal sealed class SchoolTable
{
    private static readonly ConditionalWeakTable<ITableStoreFactory, SchoolTable> Shared = [];
    private readonly ITableStoreFactory _factory;
    private readonly ITableStore _table;
    private readonly ConcurrentDictionary<string, bool> _registered = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Task? _ready;

    private SchoolTable(ITableStoreFactory factory)
    {
        _factory = factory;
        _table = factory.GetTable(TableNames.Schools);
    }

    /// <summary>The one instance per table store, so every store on it waits for the same migration.</summary>
    public static SchoolTable For(ITableStoreFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Shared.GetValue(factory, f => new SchoolTable(f));
    }

    public async ValueTask<ITableStore> GetAsync(CancellationToken cancellationToken)
    {
        Task ready;
        lock (_gate)
        {
            // A failed creation or migration is not cached: the next call tries again once the store is reachable.
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = PrepareAsync();
            }

            ready = _ready;
        }

        await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        return _table;
    }

    /// <summary>
    /// Puts the school in the registry before its first task is written, so a sweep that lists the registry never misses a
    /// task. Written once per school and process (the registry only grows), and known without a write once a sweep read it.
    /// </summary>
    public async Task EnsureRegisteredAsync(string schoolId, CancellationToken cancellationToken)
    {
        if (_registered.ContainsKey(schoolId))
        {
            return;
        }

        var table = await GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertAsync(RegistryRow(schoolId), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        _registered[schoolId] = true;
    }

    /// <summary>Every school that has (or had) tasks: one partition read.</summary>
    public async Task<IReadOnlyList<string>> ListRegisteredAsync(CancellationToken cancellationToken)
    {
        var table = await GetAsync(cancellationToken).ConfigureAwait(false);
        var schools = new List<string>();
        await foreach (var row in table.QueryAsync(new TableQuery(TableFilter.PartitionKeyEquals(SchoolRows.RegistryPartition), ["SchoolId"]), cancellationToken).ConfigureAwait(false))
        {
            var school = row.Required("SchoolId");
            schools.Add(school);
            _registered[school] = true;
        }

        return schools;
    }

    internal static TableEntity RegistryRow(string schoolId) => new(SchoolRows.RegistryPartition, SchoolRows.Partition(schoolId)) { ["SchoolId"] = schoolId };

    private async Task PrepareAsync()
    {
        await _table.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);
        await new SchoolTableMigration(_factory, _table).RunAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
