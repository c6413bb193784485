using System.Collections.Concurrent;

namespace VerzuimBot.Tables.Instrumentation;

/// <summary>
/// Wraps a factory so every call of its tables is counted into the ambient <see cref="TableCallCounter"/>
/// and traced as an activity of <see cref="TableActivities.SourceName"/>. Behaviour is unchanged.
/// </summary>
public sealed class InstrumentedTableStoreFactory(ITableStoreFactory inner) : ITableStoreFactory
{
    private readonly ConcurrentDictionary<string, InstrumentedTableStore> _tables = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The wrapped factory (e.g. for a test that inspects the embedded store's file).</summary>
    public ITableStoreFactory Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public ITableStore GetTable(string tableName) =>
        _tables.GetOrAdd(tableName, name => new InstrumentedTableStore(Inner.GetTable(name)));
}
