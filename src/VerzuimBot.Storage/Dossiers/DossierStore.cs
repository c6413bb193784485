using VerzuimBot.Storage.Keys;
using VerzuimBot.Storage.Schools;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage;

/// <summary>
/// Students' dossiers as append-only event lists, in the school's partition of the Schools table. A student's events
/// ("E|student|0000000000000000001") and tasks ("E|student|T|task") are one row-key range: what deciding on a fact needs
/// is one read. A write is one entity group transaction: the new event rows (their positions are the concurrency guard:
/// two writers after the same version both add the same row, and only one can), the head row "H|student" (version,
/// status; a range of heads lists a school's open cases), the task rows the rules now ask for with a due hint, the audit rows
/// the turn was keeping, and the roster entry the decision was made on (required unchanged). Appends are idempotent by
/// event id: a retry after a lost answer is recognised and not stored twice.
/// </summary>
public sealed class DossierStore(ITableStoreFactory tables)
{
    /// <summary>One transaction holds at most 99 events besides the head.</summary>
    public const int MaxEventsPerAppend = 99;

    private const int MaxActions = 100;
    private const int MaxAttempts = 20;
    private const string PayloadProperty = "Payload";
    private readonly SchoolTable _table = SchoolTable.For(tables);

    /// <summary>
    /// The student's events and tasks, one range read; within a <see cref="StoreSession"/> read once per turn (later
    /// loads get what was read or written in the turn) unless <paramref name="fresh"/>.
    /// </summary>
    public async Task<Dossier> LoadAsync(string schoolId, string studentId, bool fresh = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolId);
        ArgumentException.ThrowIfNullOrEmpty(studentId);
        var session = StoreSession.Current;
        if (!fresh && session is not null && session.TryGetDossier(schoolId, studentId, out var known))
        {
            return known;
        }

        var range = SchoolRows.StudentRange(studentId);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<StoredDossierEvent>();
        var tasks = new List<DueTask>();
        await foreach (var row in table.QueryAsync(new TableQuery(SchoolRows.Range(SchoolRows.Partition(schoolId), range)), cancellationToken).ConfigureAwait(false))
        {
            if (SchoolRows.IsEvent(row.RowKey, range))
            {
                events.Add(ToEvent(row));
            }
            else
            {
                tasks.Add(TaskRows.Read(row));
            }
        }

        var dossier = new Dossier(null, events) { Tasks = tasks };
        session?.RememberDossier(schoolId, studentId, dossier);
        return dossier;
    }

    /// <summary>The dossier with its head row (status, retention state): two reads, for reports and tools, not for the write path.</summary>
    public async Task<Dossier> ReadAsync(string schoolId, string studentId, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadAsync(schoolId, studentId, fresh: true, cancellationToken).ConfigureAwait(false);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var head = await table.GetAsync(SchoolRows.Partition(schoolId), SchoolRows.Head(studentId), cancellationToken).ConfigureAwait(false);
        return loaded with { Head = head is null ? null : ToHead(head) };
    }

    /// <summary>
    /// Writes <paramref name="write"/> after <paramref name="read"/> (the dossier as loaded), all in one transaction when it
    /// fits (more than 99 events take one transaction per 99, the tasks and audit rows going with the last).
    /// </summary>
    /// <returns>The dossier as it now stands (to decide on again without a read), and the tasks cancelled.</returns>
    /// <exception cref="DossierConflictException">Another writer appended or changed a task first (reread, decide again).</exception>
    /// <exception cref="RosterEntryChangedException">The roster entry of <see cref="DossierWrite.Roster"/> changed.</exception>
    public async Task<DossierWriteResult> WriteAsync(string schoolId, string studentId, Dossier read, DossierWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        ValidateEvents(write.Events, max: int.MaxValue);
        var partition = SchoolRows.Partition(schoolId);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var status = write.Status ?? await CurrentStatusAsync(table, partition, studentId, read, cancellationToken).ConfigureAwait(false);
        var tasks = write.Tasks is null ? null : TaskChanges.Plan(read.Tasks, write.Tasks, closing: status == DossierStatus.Closed);
        if (tasks is not null && tasks.Actions.Any(a => a.Type == TableTransactionActionType.Add))
        {
            await _table.EnsureRegisteredAsync(schoolId, cancellationToken).ConfigureAwait(false);
        }

        var session = StoreSession.Current;
        var audit = session?.PendingAudit(schoolId) ?? [];
        var stored = write.Events.Select((e, i) => new StoredDossierEvent(read.Version + 1 + i, e)).ToList();
        var openedAt = read.Events.Count > 0 ? read.Events[0].Event.RecordedAt : write.Events[0].RecordedAt;
        var tail = new List<TableTransactionAction>();
        var taskOffset = -1;
        if (tasks is not null)
        {
            taskOffset = 0;
            tail.AddRange(tasks.Actions);
        }

        tail.AddRange(audit.SelectMany(AuditStore.Rows).Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
        var guard = write.Roster is { } entry
            ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(partition, SchoolRows.Student(entry.Student.StudentId)), entry.ETag)
            : null;

        // One transaction per chunk of events, each with the head as it stands after that chunk; the first carries the
        // roster guard, the last the tasks and audit rows (or they follow on their own when they do not fit beside it).
        var chunks = stored.Chunk(MaxEventsPerAppend - (guard is null ? 0 : 1)).ToList();
        string? rosterETag = null;
        IReadOnlyList<string> tailETags = [];
        for (var c = 0; c < chunks.Count; c++)
        {
            var actions = new List<TableTransactionAction>();
            if (c == 0 && guard is not null)
            {
                actions.Add(guard);
            }

            actions.AddRange(chunks[c].Select(e => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(partition, studentId, e))));
            actions.Add(new(TableTransactionActionType.UpsertReplace, HeadEntity(partition, schoolId, studentId, chunks[c][^1].Sequence, status, openedAt, chunks[c].Max(e => e.Event.RecordedAt))));
            var withTail = c == chunks.Count - 1 && actions.Count + tail.Count <= MaxActions;
            var tailStart = actions.Count;
            if (withTail)
            {
                actions.AddRange(tail);
            }

            var etags = await SubmitAsync(table, actions, schoolId, studentId, read, guardAt: c == 0 && guard is not null ? 0 : -1, cancellationToken).ConfigureAwait(false);
            if (c == 0 && guard is not null)
            {
                rosterETag = etags[0];
            }

            if (withTail)
            {
                tailETags = etags.Skip(tailStart).ToList();
                tail.Clear();
            }
        }

        var first = true;
        foreach (var part in tail.Chunk(MaxActions))
        {
            // Only for a batch too big to go with its events. The tasks come first, so they travel together in the first
            // of these transactions (a plan holds a student's few tasks, far below 100 actions).
            var etags = await SubmitAsync(table, [.. part], schoolId, studentId, read, guardAt: -1, cancellationToken).ConfigureAwait(false);
            tailETags = first ? etags : tailETags;
            first = false;
        }

        var after = new Dossier(null, [.. read.Events, .. stored])
        {
            Tasks = tasks is null ? read.Tasks : tasks.After(tailETags, taskOffset),
        };
        session?.RememberDossier(schoolId, studentId, after);
        session?.Written(audit);
        if (write.Roster is { } used && rosterETag is not null)
        {
            session?.RememberStudent(schoolId, studentId, used with { ETag = rosterETag });
        }

        return new DossierWriteResult(after, tasks?.Cancelled ?? []);
    }

    /// <summary>
    /// Appends after <paramref name="expectedVersion"/> (0 for a new dossier), all or nothing, leaving the tasks as they are.
    /// Throws <see cref="DossierConflictException"/> when another writer appended first. A repeated call with the same
    /// event ids (e.g. after a timeout) is recognised and not stored twice.
    /// </summary>
    /// <param name="status">New status of the case; null keeps it (a new dossier starts Open).</param>
    /// <returns>The new version.</returns>
    public async Task<long> AppendAsync(string schoolId, string studentId, long expectedVersion, IReadOnlyList<DossierEvent> events, DossierStatus? status = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ValidateEvents(events, MaxEventsPerAppend);
        var read = await LoadAsync(schoolId, studentId, fresh: true, cancellationToken).ConfigureAwait(false);
        if (read.Version != expectedVersion)
        {
            return AlreadyAppended(read, expectedVersion, events) ?? throw new DossierConflictException(expectedVersion, latest: read);
        }

        try
        {
            return (await WriteAsync(schoolId, studentId, read, new DossierWrite(events, status), cancellationToken).ConfigureAwait(false)).Dossier.Version;
        }
        catch (DossierConflictException conflict) when (conflict.Latest is { } latest && AlreadyAppended(latest, expectedVersion, events) is { } version)
        {
            return version;
        }
    }

    /// <summary>
    /// Appends what <paramref name="decide"/> makes of the dossier as it is stored now, and on a conflict reads it again
    /// and asks again: for facts that depend on the dossier's content. <paramref name="decide"/> returns null to append
    /// nothing; what it throws reaches the caller.
    /// </summary>
    /// <returns>Whether anything was appended.</returns>
    public async Task<bool> AppendWhenAsync(
        string schoolId, string studentId, Func<Dossier, (IReadOnlyList<DossierEvent> Events, DossierStatus? Status)?> decide, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decide);
        Dossier? latest = null;
        for (var attempt = 1; ; attempt++)
        {
            var stored = latest ?? await LoadAsync(schoolId, studentId, fresh: true, cancellationToken).ConfigureAwait(false);
            if (decide(stored) is not { } append)
            {
                return false;
            }

            try
            {
                await WriteAsync(schoolId, studentId, stored, new DossierWrite(append.Events, append.Status), cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (DossierConflictException conflict) when (attempt < MaxAttempts)
            {
                latest = conflict.Latest;
                await Task.Yield();
            }
        }
    }

    /// <summary>
    /// Appends events that do not depend on the dossier's current content (e.g. a received ziekmelding): on a conflict it
    /// rereads and retries, so the events are never lost, and events already stored (by id) are not stored again.
    /// </summary>
    /// <returns>The new version.</returns>
    public async Task<long> AppendWithRetryAsync(string schoolId, string studentId, IReadOnlyList<DossierEvent> events, DossierStatus? status = null, CancellationToken cancellationToken = default)
    {
        ValidateEvents(events, MaxEventsPerAppend);
        var version = 0L;
        await AppendWhenAsync(schoolId, studentId, stored =>
        {
            version = stored.Version;
            var known = stored.Events.Select(e => e.Event.EventId).ToHashSet(StringComparer.Ordinal);
            var missing = events.Where(e => !known.Contains(e.EventId)).ToList();
            version += missing.Count;
            return missing.Count == 0 ? null : (missing, status);
        }, cancellationToken).ConfigureAwait(false);
        return version;
    }

    /// <summary>Heads of the school's open dossiers (a range read in one partition, no table scan).</summary>
    public async Task<IReadOnlyList<DossierHead>> ListOpenAsync(string schoolId, CancellationToken cancellationToken = default)
    {
        var filter = HeadRange(schoolId).And(TableFilter.Equal("Status", nameof(DossierStatus.Open)));
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
        var filter = HeadRange(schoolId);
        if (changedSince is { } since)
        {
            filter = filter.And(TableFilter.Equal("Status", nameof(DossierStatus.Open)).Or(TableFilter.GreaterThanOrEqual("UpdatedAt", since)));
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = await table.QueryAsync(new TableQuery(filter), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToHead).ToList();
    }

    /// <summary>
    /// The events of the given students of one school, in order, from one range read of the school's student ranges
    /// (for reports over many dossiers: one query per school instead of one per dossier). Students without events are
    /// absent from the result; tasks are skipped (a closed dossier keeps none).
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

        var prefix = SchoolRows.StudentRangeTag + KeyEncoder.Separator;
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in table.QueryAsync(new TableQuery(SchoolRows.Range(SchoolRows.Partition(schoolId), prefix)), cancellationToken).ConfigureAwait(false))
        {
            // "E|<encoded student>|<sequence>" or "E|<encoded student>|T|<task>": the encoded id holds no separator.
            var end = row.RowKey.IndexOf(KeyEncoder.Separator, prefix.Length);
            var student = KeyEncoder.Decode(row.RowKey[prefix.Length..end]);
            if (!studentIds.Contains(student) || !SchoolRows.IsEvent(row.RowKey, row.RowKey[..(end + 1)]))
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

    /// <summary>Submits one transaction; a failure becomes a conflict to decide again on, unless it was our own earlier attempt.</summary>
    private async Task<IReadOnlyList<string>> SubmitAsync(
        ITableStore table, List<TableTransactionAction> actions, string schoolId, string studentId, Dossier read, int guardAt, CancellationToken cancellationToken)
    {
        try
        {
            return await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException exception) when (exception.InnerException is EntityAlreadyExistsException or PreconditionFailedException or EntityNotFoundException)
        {
            if (exception.FailedActionIndex == guardAt)
            {
                throw new RosterEntryChangedException(exception);
            }

            var latest = await LoadAsync(schoolId, studentId, fresh: true, cancellationToken).ConfigureAwait(false);
            throw new DossierConflictException(read.Version, exception, latest);
        }
    }

    private static async Task<DossierStatus> CurrentStatusAsync(ITableStore table, string partition, string studentId, Dossier read, CancellationToken cancellationToken)
    {
        if (read.Head is { } head)
        {
            return head.Status;
        }

        var row = read.Version == 0 ? null : await table.GetAsync(partition, SchoolRows.Head(studentId), cancellationToken).ConfigureAwait(false);
        return row?.EnumOr("Status", DossierStatus.Open) ?? DossierStatus.Open;
    }

    /// <summary>The version after <paramref name="events"/> when exactly they follow <paramref name="expectedVersion"/>; null otherwise.</summary>
    private static long? AlreadyAppended(Dossier stored, long expectedVersion, IReadOnlyList<DossierEvent> events)
    {
        var after = stored.Events.Where(e => e.Sequence > expectedVersion && e.Sequence <= expectedVersion + events.Count).Select(e => e.Event.EventId);
        return after.SequenceEqual(events.Select(e => e.EventId), StringComparer.Ordinal) ? expectedVersion + events.Count : null;
    }

    private static void ValidateEvents(IReadOnlyList<DossierEvent> events, int max)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0 || events.Count > max)
        {
            throw new ArgumentException($"Append 1 to {max} events at a time, not {events.Count}.", nameof(events));
        }

        foreach (var dossierEvent in events)
        {
            ArgumentException.ThrowIfNullOrEmpty(dossierEvent.EventId);
            ArgumentException.ThrowIfNullOrEmpty(dossierEvent.Payload.Type);
        }
    }

    private static TableFilter HeadRange(string schoolId) => SchoolRows.Range(SchoolRows.Partition(schoolId), SchoolRows.HeadTag + KeyEncoder.Separator);

    private static TableEntity HeadEntity(string partition, string schoolId, string studentId, long version, DossierStatus status, DateTimeOffset openedAt, DateTimeOffset updatedAt) =>
        new(partition, SchoolRows.Head(studentId))
        {
            ["SchoolId"] = schoolId,
            ["StudentId"] = studentId,
            ["Version"] = version,
            ["Status"] = status.ToString(),
            ["OpenedAt"] = openedAt,
            ["UpdatedAt"] = updatedAt,
        };

    private static TableEntity ToEntity(string partition, string studentId, StoredDossierEvent stored)
    {
        var entity = new TableEntity(partition, SchoolRows.Event(studentId, stored.Sequence))
        {
            ["Sequence"] = stored.Sequence,
            ["EventId"] = stored.Event.EventId,
            ["Type"] = stored.Event.Payload.Type,
            ["RecordedAt"] = stored.Event.RecordedAt,
        };
        PayloadColumns.Write(entity, PayloadProperty, stored.Event.Payload.Json);
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
