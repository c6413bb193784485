using System.Globalization;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Students' dossiers as append-only event lists with optimistic concurrency. One partition per
/// school holds, per student, a head row ("H|student": version, status) and event rows
/// ("E|student|0000000000000000001"). An append is one entity group transaction: the head
/// (ETag-guarded) plus the new events, so two writers cannot both append after the same version.
/// Open dossiers of a school are a row-key range of head rows in that school's partition.
/// </summary>
public sealed class DossierStore(ITableStoreFactory tables)
{
    /// <summary>One transaction holds the head and at most 99 events.</summary>
    public const int MaxEventsPerAppend = 99;

    private const int MaxAttempts = 20;
    private const string PayloadProperty = "Payload";
    private readonly TableHandle _table = new(tables, TableNames.Dossiers);

    public async Task<Dossier> ReadAsync(string schoolId, string studentId, CancellationToken cancellationToken = default)
    {
        var (partition, headKey, eventPrefix) = Keys(schoolId, studentId);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var head = await table.GetAsync(partition, headKey, cancellationToken).ConfigureAwait(false);
        var rows = await table.QueryAsync(new TableQuery(EntityReading.PrefixFilter(partition, eventPrefix)), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var events = rows.Select(ToEvent).ToList();
        // A head is written in the same transaction as its events, so the version never runs ahead.
        var headRecord = head is null ? null : ToHead(head);
        return new Dossier(headRecord, events);
    }

    /// <summary>
    /// Appends after <paramref name="expectedVersion"/> (0 for a new dossier), all or nothing.
    /// Throws <see cref="DossierConflictException"/> when another writer appended first. A repeated
    /// call with the same event ids (e.g. after a timeout) is recognised and not stored twice.
    /// </summary>
    /// <param name="status">New status of the case; null keeps it (a new dossier starts Open).</param>
    /// <returns>The new version.</returns>
    public async Task<long> AppendAsync(string schoolId, string studentId, long expectedVersion, IReadOnlyList<DossierEvent> events, DossierStatus? status = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ValidateEvents(events);
        var (partition, headKey, eventPrefix) = Keys(schoolId, studentId);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var head = await table.GetAsync(partition, headKey, cancellationToken).ConfigureAwait(false);
        var currentVersion = head?.GetInt64("Version") ?? 0;
        if (currentVersion != expectedVersion)
        {
            return await AlreadyAppendedAsync(table, partition, eventPrefix, expectedVersion, events, cancellationToken).ConfigureAwait(false)
                ?? throw new DossierConflictException(expectedVersion);
        }

        var newVersion = expectedVersion + events.Count;
        var lastRecorded = events.Max(e => e.RecordedAt);
        var newHead = new TableEntity(partition, headKey)
        {
            ["SchoolId"] = schoolId,
            ["StudentId"] = studentId,
            ["Version"] = newVersion,
            ["Status"] = (status ?? (head is null ? DossierStatus.Open : head.EnumOr("Status", DossierStatus.Open))).ToString(),
            ["OpenedAt"] = head?.GetDateTimeOffset("OpenedAt") ?? events[0].RecordedAt,
            ["UpdatedAt"] = lastRecorded,
        };
        var actions = new List<TableTransactionAction>(events.Count + 1)
        {
            head is null
                ? new TableTransactionAction(TableTransactionActionType.Add, newHead)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, newHead, head.ETag!),
        };
        for (var i = 0; i < events.Count; i++)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(partition, eventPrefix, expectedVersion + 1 + i, events[i])));
        }

        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return newVersion;
        }
        catch (TableTransactionFailedException exception) when (exception.InnerException is EntityAlreadyExistsException or PreconditionFailedException or EntityNotFoundException)
        {
            return await AlreadyAppendedAsync(table, partition, eventPrefix, expectedVersion, events, cancellationToken).ConfigureAwait(false)
                ?? throw new DossierConflictException(expectedVersion, exception);
        }
    }

    /// <summary>
    /// Appends what <paramref name="decide"/> makes of the dossier as it is stored now, and on a conflict reads it again
    /// and asks again: for facts that depend on the dossier's content (a card answer only while its task is open).
    /// <paramref name="decide"/> returns null to append nothing; what it throws reaches the caller.
    /// </summary>
    /// <returns>Whether anything was appended.</returns>
    public async Task<bool> AppendWhenAsync(
        string schoolId, string studentId, Func<Dossier, (IReadOnlyList<DossierEvent> Events, DossierStatus? Status)?> decide, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await ReadAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
            if (decide(stored) is not { } append)
            {
                return false;
            }

            try
            {
                await AppendAsync(schoolId, studentId, stored.Version, append.Events, append.Status, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (DossierConflictException) when (attempt < MaxAttempts)
            {
                await Task.Yield();
            }
        }
    }

    /// <summary>
    /// Appends events that do not depend on the dossier's current content (e.g. a received
    /// ziekmelding): on a conflict it rereads the version and retries, so the events are never lost.
    /// </summary>
    /// <returns>The new version.</returns>
    public async Task<long> AppendWithRetryAsync(string schoolId, string studentId, IReadOnlyList<DossierEvent> events, DossierStatus? status = null, CancellationToken cancellationToken = default)
    {
        ValidateEvents(events);
        var (partition, headKey, _) = Keys(schoolId, studentId);
        for (var attempt = 1; ; attempt++)
        {
            var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
            var head = await table.GetAsync(partition, headKey, cancellationToken).ConfigureAwait(false);
            try
            {
                return await AppendAsync(schoolId, studentId, head?.GetInt64("Version") ?? 0, events, status, cancellationToken).ConfigureAwait(false);
            }
            catch (DossierConflictException) when (attempt < MaxAttempts)
            {
                await Task.Yield();
            }
        }
    }

    /// <summary>Heads of the school's open dossiers (a range read in one partition, no table scan).</summary>
    public async Task<IReadOnlyList<DossierHead>> ListOpenAsync(string schoolId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        var partition = KeyEncoder.Encode(schoolId);
        var filter = EntityReading.PrefixFilter(partition, "H" + KeyEncoder.Separator)
            .And(TableFilter.Equal("Status", nameof(DossierStatus.Open)));
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = await table.QueryAsync(new TableQuery(filter), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToHead).ToList();
    }

    /// <summary>
    /// Heads of all the school's dossiers, open or closed (a range read of head rows in one partition). With
    /// <paramref name="changedSince"/>, only open ones plus those appended to since then: a closed dossier nobody
    /// touched since has nothing new to count, an open one is still a student away.
    /// </summary>
    public async Task<IReadOnlyList<DossierHead>> ListHeadsAsync(string schoolId, DateTimeOffset? changedSince = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        var partition = KeyEncoder.Encode(schoolId);
        var filter = EntityReading.PrefixFilter(partition, "H" + KeyEncoder.Separator);
        if (changedSince is { } since)
        {
            filter = filter.And(TableFilter.Equal("Status", nameof(DossierStatus.Open)).Or(TableFilter.GreaterThanOrEqual("UpdatedAt", since)));
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = await table.QueryAsync(new TableQuery(filter), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToHead).ToList();
    }

    /// <summary>
    /// The events of the given students of one school, in order, from one range read of the school's event rows
    /// (for reports over many dossiers: one query per school instead of two per dossier). Students without
    /// events are absent from the result.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<StoredDossierEvent>>> ReadManyAsync(string schoolId, IReadOnlySet<string> studentIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentNullException.ThrowIfNull(studentIds);
        var result = new Dictionary<string, IReadOnlyList<StoredDossierEvent>>(StringComparer.Ordinal);
        if (studentIds.Count == 0)
        {
            return result;
        }

        var partition = KeyEncoder.Encode(schoolId);
        var prefix = "E" + KeyEncoder.Separator;
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in table.QueryAsync(new TableQuery(EntityReading.PrefixFilter(partition, prefix)), cancellationToken).ConfigureAwait(false))
        {
            // "E|<encoded student>|<sequence>": the encoded id holds no separator, so the last one ends it.
            var encoded = row.RowKey[prefix.Length..row.RowKey.LastIndexOf(KeyEncoder.Separator)];
            var student = KeyEncoder.Decode(encoded);
            if (!studentIds.Contains(student))
            {
                continue;
            }

            if (!result.TryGetValue(student, out var events))
            {
                events = new List<StoredDossierEvent>();
                result[student] = events;
            }

            ((List<StoredDossierEvent>)events).Add(ToEvent(row));
        }

        return result;
    }

    private static async Task<long?> AlreadyAppendedAsync(ITableStore table, string partition, string eventPrefix, long expectedVersion, IReadOnlyList<DossierEvent> events, CancellationToken cancellationToken)
    {
        var filter = TableFilter.PartitionKeyEquals(partition)
            .And(TableFilter.GreaterThanOrEqual(TableEntity.RowKeyName, EventKey(eventPrefix, expectedVersion + 1)))
            .And(TableFilter.LessThanOrEqual(TableEntity.RowKeyName, EventKey(eventPrefix, expectedVersion + events.Count)));
        var stored = await table.QueryAsync(new TableQuery(filter, ["EventId"]), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ours = stored.Count == events.Count
            && stored.Select(row => row.GetString("EventId")).SequenceEqual(events.Select(e => e.EventId), StringComparer.Ordinal);
        return ours ? expectedVersion + events.Count : null;
    }

    private static void ValidateEvents(IReadOnlyList<DossierEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count is 0 or > MaxEventsPerAppend)
        {
            throw new ArgumentException($"Append 1 to {MaxEventsPerAppend} events at a time, not {events.Count}.", nameof(events));
        }

        foreach (var dossierEvent in events)
        {
            ArgumentException.ThrowIfNullOrEmpty(dossierEvent.EventId);
            ArgumentException.ThrowIfNullOrEmpty(dossierEvent.Payload.Type);
        }
    }

    private static (string Partition, string HeadKey, string EventPrefix) Keys(string schoolId, string studentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentException.ThrowIfNullOrEmpty(studentId);
        var student = KeyEncoder.Encode(studentId);
        return (KeyEncoder.Encode(schoolId), KeyEncoder.Compose("H", student), KeyEncoder.Compose("E", student) + KeyEncoder.Separator);
    }

    private static string EventKey(string eventPrefix, long sequence) => eventPrefix + sequence.ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(string partition, string eventPrefix, long sequence, DossierEvent dossierEvent)
    {
        var entity = new TableEntity(partition, EventKey(eventPrefix, sequence))
        {
            ["Sequence"] = sequence,
            ["EventId"] = dossierEvent.EventId,
            ["Type"] = dossierEvent.Payload.Type,
            ["RecordedAt"] = dossierEvent.RecordedAt,
        };
        PayloadColumns.Write(entity, PayloadProperty, dossierEvent.Payload.Json);
        return entity;
    }

    private static StoredDossierEvent ToEvent(TableEntity row) => new(
        row.GetInt64("Sequence") ?? 0,
        new DossierEvent(
            row.Required("EventId"),
            new StoredEnvelope(row.Required("Type"), PayloadColumns.Read(row, PayloadProperty) ?? string.Empty),
            row.GetDateTimeOffset("RecordedAt") ?? DateTimeOffset.MinValue));

    private static DossierHead ToHead(TableEntity row) => new(
        row.Required("SchoolId"),
        row.Required("StudentId"),
        row.GetInt64("Version") ?? 0,
        row.EnumOr("Status", DossierStatus.Open),
        row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
}
