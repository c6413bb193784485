using System.Collections.Concurrent;

namespace VerzuimBot.Storage;

/// <summary>
/// One turn's unit of work on the store, ambient like the call counter of VerzuimBot.Tables: the host begins it for each
/// activity and every store call made by that turn (and the tasks it starts) sees it. Within it a student's roster entry
/// and dossier are read once (later reads in the turn get what was read, or what the turn itself wrote), and the audit
/// lines of allowed changes wait for the dossier write of that school, which takes them along in its transaction; what
/// no write took is written by <see cref="FlushAsync"/>, which the host calls before it answers. Without a session
/// (schedulers, the CLI) every read goes to the store and every audit line is written at once. Thread-safe.
/// </summary>
public sealed class StoreSession : IDisposable
{
    private static readonly AsyncLocal<StoreSession?> Ambient = new();
    private readonly StoreSession? _outer;
    private readonly ConcurrentDictionary<(string School, string Student), Dossier> _dossiers = new();
    private readonly ConcurrentDictionary<(string School, string Student), RosterEntry?> _students = new();
    private readonly List<AuditEntry> _audit = [];
    private readonly Lock _gate = new();
    private Func<IReadOnlyList<AuditEntry>, CancellationToken, Task>? _writeAudit;
    private volatile bool _ended;

    private StoreSession(StoreSession? outer) => _outer = outer;

    /// <summary>The session of the current flow, if any (an ended one no longer counts).</summary>
    public static StoreSession? Current => Ambient.Value is { _ended: false } session ? session : null;

    /// <summary>Starts a session for the current async flow until it is disposed.</summary>
    public static StoreSession Begin()
    {
        var session = new StoreSession(Ambient.Value);
        Ambient.Value = session;
        return session;
    }

    /// <summary>Writes the audit lines no dossier write took along (grouped per school, one transaction each).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        List<AuditEntry> pending;
        Func<IReadOnlyList<AuditEntry>, CancellationToken, Task>? write;
        lock (_gate)
        {
            pending = [.. _audit];
            write = _writeAudit;
        }

        if (pending.Count == 0 || write is null)
        {
            return;
        }

        await write(pending, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _audit.RemoveAll(pending.Contains);
        }
    }

    public void Dispose()
    {
        _ended = true;
        if (ReferenceEquals(Ambient.Value, this))
        {
            Ambient.Value = _outer;
        }
    }

    internal bool TryGetDossier(string school, string student, out Dossier dossier) => _dossiers.TryGetValue((school, student), out dossier!);

    internal void RememberDossier(string school, string student, Dossier dossier) => _dossiers[(school, student)] = dossier;

    internal void ForgetDossier(string school, string student) => _dossiers.TryRemove((school, student), out _);

    /// <summary>A roster entry read (or known absent: null) in this turn.</summary>
    internal bool TryGetStudent(string school, string student, out RosterEntry? entry) => _students.TryGetValue((school, student), out entry);

    internal void RememberStudent(string school, string student, RosterEntry? entry) => _students[(school, student)] = entry;

    internal void Defer(AuditEntry entry, Func<IReadOnlyList<AuditEntry>, CancellationToken, Task> write)
    {
        lock (_gate)
        {
            _audit.Add(entry);
            _writeAudit ??= write;
        }
    }

    /// <summary>The audit lines waiting for a write in <paramref name="school"/>'s partition.</summary>
    internal IReadOnlyList<AuditEntry> PendingAudit(string school)
    {
        lock (_gate)
        {
            return _audit.Where(e => string.Equals(e.SchoolId, school, StringComparison.Ordinal)).ToList();
        }
    }

    /// <summary>A write took these along: they are stored.</summary>
    internal void Written(IReadOnlyList<AuditEntry> entries)
    {
        lock (_gate)
        {
            _audit.RemoveAll(entries.Contains);
        }
    }
}
