using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Identities;
using VerzuimBot.Access.Pseudonyms;
using VerzuimBot.Access.Retention;
using VerzuimBot.Access.Roles;
using VerzuimBot.Access.Roster;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Storage;
using VerzuimBot.Storage.Pseudonyms;
using VerzuimBot.Tables;
using VerzuimBot.Tables.Sqlite;

namespace VerzuimBot.Access.Tests;

/// <summary>A clock moved by hand.</summary>
internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>Collects every formatted log message (and exception text) of every category.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger<T> Logger<T>() => new Logger<T>(this);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public ILogger CreateLogger(string categoryName) => new Capturing(Messages);

    public void Dispose()
    {
    }

    private sealed class Capturing(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
    }
}

/// <summary>Every store and service of the slice over one SQLite database in a temp directory.</summary>
internal sealed class AccessFixture
{
    public const string School = "12AB00";
    public const string OtherSchool = "34CD00";
    public const string SchoolTenant = "tenant-school";
    public const string GgdTenant = "tenant-ggd";
    public const string RblTenant = "tenant-rbl";
    public const string Beheerder = "beheer@school.example.nl";

    /// <param name="tables">Another backend (Azurite); default SQLite in <paramref name="directory"/> or a temp directory.</param>
    public AccessFixture(DateTimeOffset? start = null, string? directory = null, ITableStoreFactory? tables = null)
    {
        Directory = directory ?? System.IO.Directory.CreateTempSubdirectory("verzuimbot-access-").FullName;
        Time = new ManualTime(start ?? new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        tables ??= new SqliteTableStoreFactory(Directory);
        Tables = tables;
        Roster = new RosterStore(tables);
        AuditStore = new AuditStore(tables);
        Dossiers = new DossierStore(tables);
        Decisions = new DecisionStore(tables);
        Data = new StudentDataStore(tables);
        Identities = new StaffIdentityStore(tables);
        DialogStates = new DialogStateStore(tables, Time);
        Tenants = new TenantPolicy(new TenantAllowListOptions
        {
            Organisations =
            [
                new() { Id = School, Kind = OrganisationKind.School, Name = "Demoschool", TenantIds = [SchoolTenant], Beheerders = [Beheerder], Kernpartners = ["ggd-utrecht", "rbl-utrecht"] },
                new() { Id = OtherSchool, Kind = OrganisationKind.School, Name = "Andere school", TenantIds = ["tenant-other"], Kernpartners = ["rbl-utrecht"] },
                new() { Id = "ggd-utrecht", Kind = OrganisationKind.Jeugdgezondheidszorg, Name = "GGD regio Utrecht", TenantIds = [GgdTenant], Beheerders = ["beheer@ggd.example.nl"], Scholen = [School, OtherSchool] },
                new() { Id = "rbl-utrecht", Kind = OrganisationKind.Leerplicht, Name = "RBL Utrecht", TenantIds = [RblTenant], Beheerders = ["beheer@rbl.example.nl"], Gemeenten = ["Utrecht", "Zeist"] },
            ],
        });
        Audit = new AuditTrail(AuditStore, Time);
    }

    public string Directory { get; }

    public ITableStoreFactory Tables { get; }

    /// <summary>The pseudonym migration over every store of the slice (and <see cref="Holders"/>).</summary>
    public PseudonymMigration Migration => new(Data, Roster, Dossiers, new StudentIdRewriter(Tables), Holders, Ids, Logs.Logger<PseudonymMigration>());

    public ManualTime Time { get; }

    public CapturingLoggerFactory Logs { get; } = new();

    public RosterStore Roster { get; }

    public AuditStore AuditStore { get; }

    public DossierStore Dossiers { get; }

    public DecisionStore Decisions { get; }

    public StudentDataStore Data { get; }

    public StaffIdentityStore Identities { get; }

    public TenantPolicy Tenants { get; }

    public AuditTrail Audit { get; }

    public RetentionOptions RetentionOptions { get; } = new();

    /// <summary>Student ids under a fixed test key (a host gets its key from Privacy:PseudonymKey).</summary>
    public static StudentIds Ids { get; } = new(System.Security.Cryptography.SHA256.HashData("access-tests pseudonym key"u8));

    public RosterImporter Importer => new(Roster, Ids, Time, Logs.Logger<RosterImporter>());

    public IdentityService IdentityService => new(Identities, Roster, Tenants, Time, Logs.Logger<IdentityService>());

    public RoleAssignmentService RoleService => new(Roster, Audit, Tenants, Time, Logs.Logger<RoleAssignmentService>());

    public RetentionJob RetentionJob(string instance = "test") =>
        new(Data, Dossiers, Roster, DialogStates, Holders, Audit, Tenants, Periods, new RetentionOptions { RetentionMonths = RetentionOptions.RetentionMonths, InstanceId = instance }, Time, Logs.Logger<RetentionJob>());

    public DialogStateStore DialogStates { get; }

    /// <summary>Each school's bewaartermijn (its profile's in the host); 24 months unless a test sets another.</summary>
    public FixedRetentionPeriods Periods { get; } = new();

    public InzageExporter Inzage => new(Roster, Dossiers, Decisions, AuditStore, Audit, Time);

    public StudentDataEraser Eraser => new(Roster, Dossiers, Data, Holders, Audit, Time, Logs.Logger<StudentDataEraser>());

    /// <summary>Other stores that keep rows about a student (the overleg route's, in the host).</summary>
    public List<IStudentDataHolder> Holders { get; } = [];
}

/// <summary>Bewaartermijn per school as a test sets it.</summary>
internal sealed class FixedRetentionPeriods : IRetentionPeriods
{
    public Dictionary<string, int> Months { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int MonthsFor(string schoolId) => Months.GetValueOrDefault(schoolId, 24);
}
