using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>A channel that gets the SWV's digest on the profile's schedule, and which schools it covers.</summary>
public sealed record DigestSubscription(
    string SwvId, string TenantId, string ChannelId, IReadOnlyList<string> Schools, string SubscribedBy, DateTimeOffset SubscribedAt, DateTimeOffset? LastPostedAt)
{
    public string Key => SwvId + KeyEncoder.Separator + ChannelId;
}

/// <summary>
/// Digest subscriptions (partition: the SWV, row: the channel) and the claim of each scheduled post (partition:
/// subscription, row: the slot, e.g. "wekelijks|2026-11-30"). A slot is claimed before it is posted, so two
/// instances never both post it; a claim whose instance died is taken over after its lease.
/// </summary>
public sealed class DigestSubscriptionStore(ITableStoreFactory tables)
{
    private const string Claimed = "claimed";
    private const string Posted = "posted";
    private readonly TableHandle _subscriptions = new(tables, TableNames.DigestSubscriptions);
    private readonly TableHandle _posts = new(tables, TableNames.DigestPosts);

    public async Task SaveAsync(DigestSubscription subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var table = await _subscriptions.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(KeyEncoder.Encode(subscription.SwvId), KeyEncoder.Encode(subscription.ChannelId))
        {
            ["TenantId"] = subscription.TenantId,
            ["Schools"] = string.Join(',', subscription.Schools),
            ["SubscribedBy"] = subscription.SubscribedBy,
            ["SubscribedAt"] = subscription.SubscribedAt,
        };
        if (subscription.LastPostedAt is { } last)
        {
            entity["LastPostedAt"] = last;
        }

        await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string swvId, string channelId, CancellationToken cancellationToken = default)
    {
        var table = await _subscriptions.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteAsync(KeyEncoder.Encode(swvId), KeyEncoder.Encode(channelId), "*", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every subscription: one row per subscribed channel, so a handful per SWV.</summary>
    public async Task<IReadOnlyList<DigestSubscription>> ListAsync(CancellationToken cancellationToken = default)
    {
        var table = await _subscriptions.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = await table.QueryAsync(new TableQuery(), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToSubscription).ToList();
    }

    public async Task<IReadOnlyList<DigestSubscription>> ListForAsync(string swvId, CancellationToken cancellationToken = default)
    {
        var table = await _subscriptions.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = await table.QueryAsync(new TableQuery(TableFilter.PartitionKeyEquals(KeyEncoder.Encode(swvId))), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToSubscription).ToList();
    }

    /// <summary>
    /// Claims one scheduled post. False when it was posted already, or another instance holds a claim that has not
    /// expired. The lease runs from the claim, so a crashed instance's slot is posted by another within the lease.
    /// </summary>
    public async Task<bool> TryClaimAsync(DigestSubscription subscription, string slot, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var table = await _posts.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = KeyEncoder.Encode(subscription.Key);
        var row = KeyEncoder.Encode(slot);
        var claim = new TableEntity(partition, row) { ["Status"] = Claimed, ["ClaimedAt"] = now };
        try
        {
            await table.AddAsync(claim, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EntityAlreadyExistsException)
        {
        }

        var existing = await table.GetAsync(partition, row, cancellationToken).ConfigureAwait(false);
        if (existing is null || existing.GetString("Status") == Posted || existing.GetDateTimeOffset("ClaimedAt") is { } at && at + lease > now)
        {
            return false;
        }

        try
        {
            await table.UpdateAsync(claim, existing.ETag!, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PreconditionFailedException)
        {
            return false;
        }
    }

    /// <summary>Marks the slot posted and remembers the moment as the subscription's "vorige overzicht".</summary>
    public async Task CompleteAsync(DigestSubscription subscription, string slot, DateTimeOffset postedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var posts = await _posts.GetAsync(cancellationToken).ConfigureAwait(false);
        await posts.UpsertAsync(new TableEntity(KeyEncoder.Encode(subscription.Key), KeyEncoder.Encode(slot)) { ["Status"] = Posted, ["PostedAt"] = postedAt }, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        var table = await _subscriptions.GetAsync(cancellationToken).ConfigureAwait(false);
        var update = new TableEntity(KeyEncoder.Encode(subscription.SwvId), KeyEncoder.Encode(subscription.ChannelId)) { ["LastPostedAt"] = postedAt };
        try
        {
            await table.UpdateAsync(update, "*", TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (EntityNotFoundException)
        {
            // Unsubscribed while posting: nothing to remember.
        }
    }

    private static DigestSubscription ToSubscription(TableEntity row) => new(
        KeyEncoder.Decode(row.PartitionKey),
        row.Required("TenantId"),
        KeyEncoder.Decode(row.RowKey),
        (row.GetString("Schools") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
        row.Required("SubscribedBy"),
        row.GetDateTimeOffset("SubscribedAt") ?? default,
        row.GetDateTimeOffset("LastPostedAt"));
}
