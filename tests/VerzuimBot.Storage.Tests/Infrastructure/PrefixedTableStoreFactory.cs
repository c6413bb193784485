using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Tests.Infrastructure;

/// <summary>Gives each test its own set of tables on a shared Azurite, by prefixing table names.</summary>
internal sealed class PrefixedTableStoreFactory(ITableStoreFactory inner, string prefix) : ITableStoreFactory
{
    public ITableStore GetTable(string tableName) => inner.GetTable(prefix + tableName);
}
