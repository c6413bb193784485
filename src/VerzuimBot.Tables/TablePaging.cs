using System.Runtime.CompilerServices;

namespace VerzuimBot.Tables;

/// <summary>Follows continuation tokens page by page; the same for every backend.</summary>
internal static class TablePaging
{
    public static async IAsyncEnumerable<TableEntity> EnumerateAsync(ITableStore table, TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await table.QueryPageAsync(query, token, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Entities)
            {
                yield return entity;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
