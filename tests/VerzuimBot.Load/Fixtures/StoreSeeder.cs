extern alias host;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Load.Targets;
using VerzuimBot.Storage;
using DossierService = VerzuimBot.Protocol.Dossiers.DossierService;
using ServiceRegistration = host::VerzuimBot.Hosting.ServiceRegistration;
using StoredEvent = VerzuimBot.Storage.DossierEvent;

namespace VerzuimBot.Load.Fixtures;

/// <summary>
/// Writes a load run's data into the store before the host starts, in-process through the host's own
/// services (the real DossierService, TaskStore, RosterStore) built from its composition root: students
/// of the demo school, mentors with a chat at the sink, and sick dossiers whose tasks the rules produce.
/// Generated names only ("Leerling 100123"); nothing here is a real person.
/// </summary>
internal sealed class StoreSeeder : IAsyncDisposable
{
    public const string School = "99DE00";
    public const string Tenant = "00000000-0000-0000-0000-00000000d0e0";
    public const string MailDomain = "demoschool.example.nl";
    private readonly ServiceProvider _services;
    private readonly SeedClock _clock;

    private StoreSeeder(ServiceProvider services, SeedClock clock)
    {
        _services = services;
        _clock = clock;
    }

    /// <summary>The host's services on the given store: Azurite when a connection string is given, else SQLite in <paramref name="dataDirectory"/>.</summary>
    public static StoreSeeder Open(string? azuriteConnectionString, string? dataDirectory)
    {
        var hostDirectory = Path.GetDirectoryName(RepositoryPaths.DefaultHostDll)!;
        var settings = new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Bot:MicrosoftAppId"] = string.Empty };
        if (azuriteConnectionString is not null)
        {
            settings["TableStorage:ConnectionString"] = azuriteConnectionString;
        }
        else
        {
            settings["TableStorage:DataDirectory"] = dataDirectory;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(hostDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(hostDirectory, "appsettings.Demo.json"), optional: false)
            .AddInMemoryCollection(settings)
            .Build();
        var clock = new SeedClock();
        var services = new ServiceCollection();
        services.AddLogging();
        ServiceRegistration.AddVerzuimBot(services, configuration, new SeedEnvironment(hostDirectory));
        services.AddSingleton<TimeProvider>(clock);
        return new StoreSeeder(services.BuildServiceProvider(), clock);
    }

    public static string LeerlingEmail(int mentor) => $"load-user-{mentor.ToString(CultureInfo.InvariantCulture)}@{MailDomain}";

    /// <summary>The target host runs in Development without Privacy:PseudonymKey, so its ids use the development key.</summary>
    public static StudentId StudentIdOf(long leerlingnummer) => Ids.For(new SchoolId(School), leerlingnummer.ToString(CultureInfo.InvariantCulture));

    private static readonly StudentIds Ids = StudentIds.ForDevelopment();

    /// <summary>
    /// Students <paramref name="from"/>…+count; the mentor of student k is load-user-(k mod mentors). With
    /// <paramref name="klasPerMentor"/> each mentor has a klas of their own (klas + mentor number), as a roster import
    /// gives each mentor a role for their own klas only.
    /// </summary>
    public Task AddStudentsAsync(long from, int count, string klas, int mentors, CancellationToken cancellationToken, bool klasPerMentor = false) =>
        Parallel.ForAsync(0, count, Parallelism(), async (i, ct) =>
        {
            var number = from + i;
            var leerlingnummer = number.ToString(CultureInfo.InvariantCulture);
            var details = new RosterStudentDetails(leerlingnummer, "Leerling", null, leerlingnummer, new DateOnly(2013, 1, 1).AddDays((int)(number % 700)),
                KlasOfStudent(number, klas, mentors, klasPerMentor), LeerlingEmail(MentorOf(number, mentors)), "Utrecht", SchoolType.VO);
            await Roster.UpsertStudentAsync(new RosterStudent(School, StudentIdOf(number).Value, details.ToEnvelope(), DateTimeOffset.UtcNow), ct).ConfigureAwait(false);
        }).WaitAsync(cancellationToken);

    public static int MentorOf(long leerlingnummer, int mentors) => (int)(leerlingnummer % mentors);

    /// <summary>
    /// How the host names a student of <see cref="AddStudentsAsync"/> on its cards: name and klas, "Leerling 100123 (L35)"
    /// (the host's student label; the mentor's card after a ziekmelding carries nothing else that identifies the student).
    /// </summary>
    public static string StudentLabel(long leerlingnummer, string klas, int mentors, bool klasPerMentor) =>
        string.Create(CultureInfo.InvariantCulture, $"Leerling {leerlingnummer} ({KlasOfStudent(leerlingnummer, klas, mentors, klasPerMentor)})");

    private static string KlasOfStudent(long leerlingnummer, string klas, int mentors, bool klasPerMentor) =>
        klasPerMentor ? KlasOf(klas, MentorOf(leerlingnummer, mentors)) : klas;

    /// <summary>Mentor role for load-user-0…N-1 (scope klas; with <paramref name="klasPerMentor"/> each their own), as a beheerder would assign it.</summary>
    public async Task AssignMentorRolesAsync(int mentors, string klas, CancellationToken cancellationToken, bool klasPerMentor = false)
    {
        for (var i = 0; i < mentors; i++)
        {
            await Roster.AssignRoleAsync(new RoleAssignment(School, nameof(Role.Mentor), LeerlingEmail(i), "klas:" + (klasPerMentor ? KlasOf(klas, i) : klas), new DateTimeOffset(2025, 8, 1, 0, 0, 0, TimeSpan.Zero)), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string KlasOf(string klas, int mentor) => klas + mentor.ToString(CultureInfo.InvariantCulture);

    /// <summary>Mentors who already talked to the bot: linked identity and a personal chat "a:mentor-i" at the sink.</summary>
    public async Task AddMentorChatsAsync(int mentors, string serviceUrl, CancellationToken cancellationToken)
    {
        var identities = _services.GetRequiredService<StaffIdentityStore>();
        var references = _services.GetRequiredService<ConversationReferenceStore>();
        for (var i = 0; i < mentors; i++)
        {
            var aad = MentorAad(i);
            await identities.SaveAsync(new StaffIdentity(Tenant, aad, LeerlingEmail(i), DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
            await references.SaveAsync(new ConversationReferenceRecord(Tenant, aad, ConversationOwnerKind.User, MentorConversation(i), serviceUrl, "msteams", "28:verzuimbot-demo", "personal", DateTimeOffset.UtcNow, $"29:mentor-{i}"), cancellationToken).ConfigureAwait(false);
        }
    }

    public static string MentorConversation(int mentor) => $"a:mentor-{mentor.ToString(CultureInfo.InvariantCulture)}";

    private static string MentorAad(int mentor) => $"00000000-0000-4000-9000-{mentor.ToString("D12", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Ziekmeldingen recorded at <paramref name="recordedAt"/> through DossierService (rules evaluated, tasks
    /// scheduled); every task due by <paramref name="deliveredUntil"/> (at least the immediate mentor
    /// notification) is marked delivered, as the scheduler would have done by then.
    /// </summary>
    /// <returns>The tasks still pending afterwards, with when they are due.</returns>
    public async Task<IReadOnlyList<(string TaskId, DateTimeOffset DueAt)>> ReportSickAsync(long from, int count, DateTimeOffset recordedAt, DateTimeOffset? deliveredUntil, CancellationToken cancellationToken)
    {
        var delivered = deliveredUntil ?? recordedAt;
        _clock.Now = recordedAt;
        var dossiers = _services.GetRequiredService<DossierService>();
        var tasks = _services.GetRequiredService<TaskStore>();
        var pending = new System.Collections.Concurrent.ConcurrentBag<(string, DateTimeOffset)>();
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(recordedAt, Domain.Calendar.SchoolClock.Zone).DateTime);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism().MaxDegreeOfParallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var student = StudentIdOf(from + i);
            var fact = new ZiekmeldingRecorded(new EventId("ev-seed-" + student.Value), recordedAt, new Actor(new StaffId("rita.receptie@" + MailDomain), Role.Receptie), firstDay, null, true);
            var outcome = await dossiers.RecordAsync(School, student, fact, ct).ConfigureAwait(false);
            foreach (var task in outcome.Scheduled)
            {
                if (task.DueAt <= delivered && await tasks.GetAsync(School, student.Value, task.Id.Value, ct).ConfigureAwait(false) is { } stored
                    && await tasks.TryClaimAsync(stored, "seed", delivered, TimeSpan.FromMinutes(1), ct).ConfigureAwait(false) is { } claim)
                {
                    await tasks.MarkDeliveredAsync(claim, task.DueAt, ct).ConfigureAwait(false);
                }
                else if (task.DueAt > delivered)
                {
                    pending.Add((task.Id.Value, task.DueAt));
                }
            }
        }).ConfigureAwait(false);
        return pending.ToList();
    }

    /// <summary>Closed dossiers (a ziekmelding and its beter-melding) appended straight to the DossierStore: history, no tasks.</summary>
    public Task AddClosedDossiersAsync(long from, int count, DateTimeOffset sickAt, CancellationToken cancellationToken)
    {
        var dossiers = _services.GetRequiredService<DossierStore>();
        var actor = new Actor(new StaffId("rita.receptie@" + MailDomain), Role.Receptie);
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(sickAt, Domain.Calendar.SchoolClock.Zone).DateTime);
        return Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism().MaxDegreeOfParallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var student = StudentIdOf(from + i);
            Domain.Dossier.DossierEvent[] facts =
            [
                new ZiekmeldingRecorded(new EventId("ev-z-" + student.Value), sickAt, actor, firstDay, null, true),
                new BeterMeldingRecorded(new EventId("ev-b-" + student.Value), sickAt.AddDays(1), actor, firstDay.AddDays(1)),
            ];
            var stored = facts.Select(f =>
            {
                var (type, json) = DossierEventSerializer.Serialize(f);
                return new StoredEvent(f.Id.Value, new StoredEnvelope(type, json), f.RecordedAt);
            }).ToList();
            await dossiers.AppendWithRetryAsync(School, student.Value, stored, DossierStatus.Closed, ct).ConfigureAwait(false);
        });
    }

    /// <summary>Which of these students have a ziekmelding in their dossier (read through the host's own DossierService).</summary>
    public async Task<IReadOnlySet<long>> WithZiekmeldingAsync(IEnumerable<long> leerlingnummers, CancellationToken cancellationToken)
    {
        var dossiers = _services.GetRequiredService<DossierService>();
        var found = new HashSet<long>();
        foreach (var number in leerlingnummers)
        {
            var dossier = await dossiers.ReadAsync(School, StudentIdOf(number), cancellationToken).ConfigureAwait(false);
            if (dossier.Of<ZiekmeldingRecorded>().Any())
            {
                found.Add(number);
            }
        }

        return found;
    }

    /// <summary>
    /// What the scheduler's listing costs at <paramref name="at"/> on the seeded store: the students whose due hints have come
    /// (the sweep then reads each one's dossier, tasks included, as it did before hints), the store round trips (counted by
    /// the host's own counting decorator) and the time.
    /// </summary>
    public async Task<(int Due, int RoundTrips, TimeSpan Elapsed)> MeasureDueListingAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var tasks = _services.GetRequiredService<TaskStore>();
        using var calls = Tables.Instrumentation.TableCallCounter.Begin();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var due = await tasks.ListDueStudentsAsync(at, cancellationToken).ConfigureAwait(false);
        return (due.Count, calls.RoundTrips, watch.Elapsed);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private RosterStore Roster => _services.GetRequiredService<RosterStore>();

    private static ParallelOptions Parallelism() => new() { MaxDegreeOfParallelism = 8 };

    private sealed class SeedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class SeedEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "VerzuimBot";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
