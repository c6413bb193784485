using Microsoft.Extensions.Options;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Storage;
using VerzuimBot.Tables.Sqlite;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;

namespace VerzuimBot.Tests.Protocol;

// issue 6 foundation: a fact in the dossier schedules the protocol's tasks in the store; a beter-melding
// cancels the reminders that no longer apply (002 Bijlage 1, stap 1-2), on the embedded store.
public sealed class DossierServiceTests
{
    private const string School = "12AB00";
    private static readonly StudentId Student = new("s-demo-1");
    private static readonly Actor Receptie = new(new StaffId("aad-rita"), Role.Receptie);
    private readonly ManualTime _time = new(SchoolClock.At(new DateOnly(2026, 10, 16), new TimeOnly(8, 5)));
    private readonly TaskStore _tasks;
    private readonly DossierStore _dossiers;
    private readonly DossierService _service;

    public DossierServiceTests()
    {
        var tables = new SqliteTableStoreFactory(Directory.CreateTempSubdirectory("verzuimbot-dossier-").FullName);
        _tasks = new TaskStore(tables);
        _dossiers = new DossierStore(tables);
        _service = new DossierService(_dossiers, new SchoolProtocols(Options.Create(new SchoolsOptions())), _time);
    }

    [Fact]
    public async Task Ziekmelding_SchedulesMentorNotification_ReminderAfterHerfstvakantie_AndEscalation()
    {
        var outcome = await _service.RecordAsync(School, Student, new ZiekmeldingRecorded(new EventId("e1"), _time.GetUtcNow(), Receptie, new DateOnly(2026, 10, 16), null, true));

        Assert.Contains(outcome.Scheduled, t => t.Kind == TaskKind.MentorNotification);
        var reminder = outcome.Scheduled.Single(t => t.Kind == TaskKind.MentorContactReminder);
        var stored = await _tasks.GetAsync(School, Student.Value, reminder.Id.Value);
        Assert.NotNull(stored);
        Assert.Equal(DueTaskStatus.Pending, stored.Status);
        Assert.Equal(SchoolClock.At(new DateOnly(2026, 10, 27), new TimeOnly(8, 30)), stored.Definition.DueAt);
        Assert.Equal("Mentor", stored.Definition.AssigneeRole);

        // Only the immediate notification is due now; the reminder waits for 27 October.
        var dueNow = await _tasks.ListDueAsync(_time.GetUtcNow());
        Assert.Equal([TaskKind.MentorNotification.ToString()], dueNow.Select(t => t.Definition.Kind));
    }

    [Fact]
    public async Task BeterMelding_CancelsTheOpenReminders_InTheStore()
    {
        var ziek = await _service.RecordAsync(School, Student, new ZiekmeldingRecorded(new EventId("e1"), _time.GetUtcNow(), Receptie, new DateOnly(2026, 10, 16), null, true));
        var reminder = ziek.Scheduled.Single(t => t.Kind == TaskKind.MentorContactReminder);

        _time.Now = SchoolClock.At(new DateOnly(2026, 10, 16), new TimeOnly(15, 0));
        var beter = await _service.RecordAsync(School, Student, new BeterMeldingRecorded(new EventId("e2"), _time.GetUtcNow(), Receptie, new DateOnly(2026, 10, 26)));

        Assert.Contains(reminder.Id, beter.Cancelled);
        Assert.Equal(DueTaskStatus.Cancelled, (await _tasks.GetAsync(School, Student.Value, reminder.Id.Value))!.Status);
        _time.Now = SchoolClock.At(new DateOnly(2026, 10, 27), new TimeOnly(9, 0));
        Assert.DoesNotContain(await _tasks.ListDueAsync(_time.GetUtcNow()), t => t.Definition.TaskId == reminder.Id.Value);

        var view = await _service.ReadAsync(School, Student);
        Assert.Equal(new DateOnly(2026, 10, 26), Assert.Single(view.SickPeriods).BackOn);
    }

    [Fact]
    public async Task RecordingTheSameFactTwice_StoresItOnce_AndSchedulesNothingTwice()
    {
        var fact = new ZiekmeldingRecorded(new EventId("e1"), _time.GetUtcNow(), Receptie, new DateOnly(2026, 10, 16), null, true);
        var first = await _service.RecordAsync(School, Student, fact);
        var second = await _service.RecordAsync(School, Student, fact);
        Assert.Equal(first.Scheduled.Select(t => t.Id), second.Scheduled.Select(t => t.Id));
        Assert.Single((await _service.ReadAsync(School, Student)).Events);
    }

    [Fact]
    public async Task TwoZiekmeldingenDecidedOnTheSameRead_TheSecondIsRefused_AndTheTasksAreThoseOfTheFirst()
    {
        // Issue 17 item 2: "not sick yet" is checked in the same step as the append, so two receptionists who both saw
        // Daan as not sick cannot both store a ziekmelding (002 Bijlage 1 stap 1: one ziekmelding, one set of reminders).
        var first = new ZiekmeldingRecorded(new EventId("e1"), _time.GetUtcNow(), Receptie, new DateOnly(2026, 10, 16), null, true);
        var second = new ZiekmeldingRecorded(new EventId("e2"), _time.GetUtcNow(), Receptie, new DateOnly(2026, 10, 16), null, false);
        RecordOutcome stored;
        using (StoreSession.Begin())
        {
            Assert.Null((await _service.ReadAsync(School, Student)).CurrentSickPeriod); // this turn's one read: not sick yet
            stored = await OutsideThisTurnAsync(() => _service.RecordAsync(School, Student, first, v => v.CurrentSickPeriod is null));
            await Assert.ThrowsAsync<FactNoLongerAppliesException>(() => _service.RecordAsync(School, Student, second, v => v.CurrentSickPeriod is null));
        }

        var dossier = await _dossiers.LoadAsync(School, Student.Value, fresh: true);
        Assert.Equal(["e1"], dossier.Events.Select(e => e.Event.EventId));
        var open = dossier.Tasks.Where(t => t.Status == DueTaskStatus.Pending).Select(t => t.Definition.TaskId).Order(StringComparer.Ordinal);
        Assert.Equal(stored.Scheduled.Select(t => t.Id.Value).Order(StringComparer.Ordinal), open);
        var dueNow = await _tasks.ListDueAsync(_time.GetUtcNow());
        Assert.Single(dueNow, t => t.Definition.Kind == nameof(TaskKind.MentorNotification));
    }

    [Fact]
    public async Task TwoFactsDecidedOnTheSameRead_WithoutACondition_AreBothKept_AndTheTasksFollowBoth()
    {
        // A conflict is decided again on the dossier as it then is: a ziekmelding and a later beter-melding written at
        // once both stay, and the reminders of the ziekmelding are cancelled by the beter-melding (002 Bijlage 1 stap 1-2).
        var ziek = new ZiekmeldingRecorded(new EventId("e1"), _time.GetUtcNow(), Receptie, new DateOnly(2026, 10, 16), null, true);
        var beter = new BeterMeldingRecorded(new EventId("e2"), _time.GetUtcNow().AddMinutes(1), Receptie, new DateOnly(2026, 10, 26));
        RecordOutcome after;
        using (StoreSession.Begin())
        {
            await _service.ReadAsync(School, Student);
            await OutsideThisTurnAsync(() => _service.RecordAsync(School, Student, ziek));
            after = await _service.RecordAsync(School, Student, beter);
        }

        var dossier = await _dossiers.LoadAsync(School, Student.Value, fresh: true);
        Assert.Equal(["e1", "e2"], dossier.Events.Select(e => e.Event.EventId));
        Assert.Equal(new DateOnly(2026, 10, 26), Assert.Single(after.Dossier.SickPeriods).BackOn);
        Assert.DoesNotContain(dossier.Tasks, t => t.Status is DueTaskStatus.Pending or DueTaskStatus.Claimed && t.Definition.Kind == nameof(TaskKind.MentorContactReminder));
    }

    [Fact]
    public async Task RecordMany_StoresEveryFactInOneDecision_AndTheSameBatchAgainStoresNothing()
    {
        // For an absence import: many facts of one student, one read and one run of the rules for all of them.
        var facts = Enumerable.Range(0, 120)
            .Select(i => (Domain.Dossier.DossierEvent)new UnauthorisedHoursRecorded(new EventId($"u{i}"), _time.GetUtcNow().AddSeconds(i), Receptie, new DateOnly(2026, 9, 1).AddDays(i % 30), 1))
            .ToList();
        var first = await _service.RecordManyAsync(School, Student, facts);
        var again = await _service.RecordManyAsync(School, Student, facts);

        Assert.Equal(120, first.Dossier.Events.Count);
        Assert.Equal(120, again.Dossier.Events.Count);
        Assert.Equal(120, (await _dossiers.LoadAsync(School, Student.Value, fresh: true)).Events.Count);
        Assert.Equal(first.Scheduled.Select(t => t.Id), again.Scheduled.Select(t => t.Id));
    }

    /// <summary>Runs <paramref name="write"/> as another turn would: outside the current <see cref="StoreSession"/>.</summary>
    private static async Task<T> OutsideThisTurnAsync<T>(Func<Task<T>> write)
    {
        Task<T> other;
        using (ExecutionContext.SuppressFlow())
        {
            other = Task.Run(write);
        }

        return await other;
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }
}
