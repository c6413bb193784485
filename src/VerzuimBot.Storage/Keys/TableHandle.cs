using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Keys;

/// <summary>
/// One table of a store, created on first use (constructors never do I/O). A failed creation is
/// not cached, so the next call tries again once the store is reachable.
/// </summary>
public sealed class TableHandle(ITableStoreFactory factory, string tableName)
{
    private readonly ITableStore _table = factory.GetTable(tableName);
    private Task? _creation;

    public async ValueTask<ITableStore> GetAsync(CancellationToken cancellationToken)
    {
        var creation = _creation;
        if (creation is null || creation.IsFaulted || creation.IsCanceled)
        {
            creation = _table.CreateIfNotExistsAsync(CancellationToken.None);
            _creation = creation;
        }

        await creation.WaitAsync(cancellationToken).ConfigureAwait(false);
        return _table;
    }
}
