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
    private readonly DossierService _service;

    public DossierServiceTests()
    {
        var tables = new SqliteTableStoreFactory(Directory.CreateTempSubdirectory("verzuimbot-dossier-").FullName);
        _tasks = new TaskStore(tables);
        _service = new DossierService(new DossierStore(tables), new SchoolProtocols(Options.Create(new SchoolsOptions())), _time);
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

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }
}
