using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Keys;

/// <summary>
/// "The first insert wins" for a row that marks something as taken (an activity handled, a night's import run): the row
/// carries a claim id of its own attempt, so a transport retry of our own insert finds its row again and still wins, while
/// another caller, even in the same instant, does not.
/// </summary>
internal static class FirstInsertClaim
{
    private const string ClaimProperty = "Claim";

    /// <returns>True for the one caller whose insert of this row's keys came first.</returns>
    public static async Task<bool> TryInsertAsync(ITableStore table, TableEntity row, CancellationToken cancellationToken)
    {
        var claim = Guid.NewGuid();
        row[ClaimProperty] = claim;
        try
        {
            await table.AddAsync(row, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EntityAlreadyExistsException)
        {
            return (await table.GetAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false))?.GetGuid(ClaimProperty) == claim;
        }
    }
}
