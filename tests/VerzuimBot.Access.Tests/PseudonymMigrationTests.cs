using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Pseudonyms;
using VerzuimBot.Access.Roster;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;
using VerzuimBot.Storage.Tests.Infrastructure;
using VerzuimBot.Tables;

namespace VerzuimBot.Access.Tests;

/// <summary>
/// issue 19 item 5: data written under the unkeyed student ids of earlier versions is moved to the keyed ids by
/// "beheer pseudonyms migrate --from-unkeyed"; every route finds the student under the new id, nothing is left under
/// the old one, and running it again changes nothing. On SQLite and on Azurite.
/// </summary>
public abstract class PseudonymMigrationContract(Backend backend) : IDisposable
{
    private const string School = AccessFixture.School;
    private static readonly string[] Tables = ["Schools", "Roster", "Dossiers", "Decisions", "AuditEntries", "DueTasks", "DueTaskIndex", "DialogStates"];
    private static readonly DateTimeOffset Due = new(2026, 11, 25, 8, 30, 0, TimeSpan.FromHours(1));

    private readonly AccessFixture _fixture = new(tables: new PrefixedTableStoreFactory(backend.Factory, Backend.UniqueTableName("p")));
    private readonly RecordingHolder _overleggen = new();

    private static string Old(string leerlingnummer) => UnkeyedStudentIds.For(new SchoolId(School), leerlingnummer).Value;

    private static string New(string leerlingnummer) => AccessFixture.Ids.For(new SchoolId(School), leerlingnummer).Value;

    private static string OldTask(string leerlingnummer) => $"{Old(leerlingnummer)}/MentorReminder/Mentor/e-1";

    public void Dispose()
    {
        backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Migrate_DataUnderUnkeyedIds_IsFoundUnderTheKeyedIdsOnly_AndASecondRunChangesNothing()
    {
        await SeedUnderUnkeyedIdsAsync();
        _fixture.Holders.Add(_overleggen);
        _fixture.Holders.Add(new Retention.DialogStateHolder(_fixture.DialogStates));
        var before = await SnapshotAsync();

        var dryRun = await _fixture.Migration.FromUnkeyedAsync(dryRun: true);
        Assert.Equal(2, dryRun.Migrated);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Empty(_overleggen.Renamed);

        var report = await _fixture.Migration.FromUnkeyedAsync(dryRun: false);
        Assert.Equal(2, report.Migrated);
        var school = report.Schools.Single(s => s.SchoolId == School);
        Assert.Equal((2, 0, 1), (school.Migrated, school.AlreadyKeyed, school.DossiersWithoutRoster));
        var other = report.Schools.Single(s => s.SchoolId == AccessFixture.OtherSchool);
        Assert.Equal((0, 1), (other.Migrated, other.AlreadyKeyed));
        Assert.StartsWith("Pseudoniemen: 2 leerlingen hebben nu een gesleutelde id", report.Lines().First(), StringComparison.Ordinal);

        await AssertFoundUnderTheKeyedIdsAsync();
        var after = await SnapshotAsync();
        foreach (var old in new[] { Old("100001"), Old("100002") })
        {
            Assert.DoesNotContain(old, after, StringComparison.Ordinal);
        }

        // The student no longer on any roster keeps their id: without a leerlingnummer there is nothing to derive the new one from.
        Assert.Contains(Old("999999"), after, StringComparison.Ordinal);

        var again = await _fixture.Migration.FromUnkeyedAsync(dryRun: false);
        Assert.Equal(0, again.Migrated);
        Assert.Equal(after, await SnapshotAsync());
    }

    [Fact]
    public async Task Migrate_InterruptedHalfWay_IsFinishedByTheNextRun()
    {
        await SeedUnderUnkeyedIdsAsync();
        _fixture.Holders.Add(new Retention.DialogStateHolder(_fixture.DialogStates));
        _fixture.Holders.Add(new FailingOnceHolder());

        await Assert.ThrowsAsync<IOException>(() => _fixture.Migration.FromUnkeyedAsync(dryRun: false));
        // The roster entries move last, so the students are still to do, while their dossiers already moved.
        Assert.NotNull(await _fixture.Roster.FindStudentAsync(School, Old("100001")));
        Assert.Equal(2, (await _fixture.Dossiers.ReadAsync(School, New("100001"))).Events.Count);

        var report = await _fixture.Migration.FromUnkeyedAsync(dryRun: false);
        Assert.Equal(2, report.Migrated);
        await AssertFoundUnderTheKeyedIdsAsync();
    }

    private async Task AssertFoundUnderTheKeyedIdsAsync()
    {
        var anne = New("100001");
        Assert.NotEqual(Old("100001"), anne);
        Assert.Equal("Anne", RosterStudentDetails.FromEnvelope((await _fixture.Roster.FindStudentAsync(School, anne))!.Details)!.Roepnaam);
        Assert.Null(await _fixture.Roster.FindStudentAsync(School, Old("100001")));

        var dossier = await _fixture.Dossiers.ReadAsync(School, anne);
        Assert.Equal((2L, anne), (dossier.Head!.Version, dossier.Head.StudentId));
        Assert.Contains(anne, dossier.Events[1].Event.Payload.Json, StringComparison.Ordinal);
        Assert.Null((await _fixture.Dossiers.ReadAsync(School, Old("100001"))).Head);

        Assert.Single(await _fixture.Decisions.ListForCaseAsync(School, anne));
        Assert.Empty(await _fixture.Decisions.ListForCaseAsync(School, Old("100001")));

        var trail = await _fixture.Audit.StudentTrailAsync(School, anne);
        Assert.Contains(trail, line => line.Contains($"rol mentor (leerling {anne}) toegekend", StringComparison.Ordinal));
        Assert.Empty(await _fixture.AuditStore.ListForStudentAsync(School, Old("100001")));

        var tasks = new TaskStore(_fixture.Tables);
        var task = await tasks.GetAsync(School, anne, $"{anne}/MentorReminder/Mentor/e-1");
        Assert.Equal(anne, task!.Definition.StudentId);
        Assert.Null(await tasks.GetAsync(School, Old("100001"), OldTask("100001")));
        Assert.Contains(await tasks.ListDueAsync(Due.AddMinutes(1)), t => t.Definition.TaskId == task.Definition.TaskId);

        // The mentor who holds the role for this one student still may act for them.
        var organisation = _fixture.Tenants.FindOrganisation(School)!;
        var mentorRole = Assert.Single(await _fixture.Roster.ListRoleAssignmentsAsync(School, nameof(Role.Mentor)));
        var grant = new RoleGrant(Role.Mentor, organisation.Id, organisation.Kind, RoleScope.FromStorage(mentorRole.Scope)!, mentorRole.AssignedAt);
        var context = new StudentContext(School, anne, "2b", "Utrecht");
        Assert.True(AccessPolicy.Decide(new AccessActor(mentorRole.UserId, AccessFixture.SchoolTenant, [grant]), AccessAction.AnswerMentorCard, context, Due).IsAllowed);

        var dialog = (await _fixture.DialogStates.LoadAsync("chat-receptie"))!.StateJson;
        Assert.Contains(anne, dialog, StringComparison.Ordinal);
        Assert.Contains(New("100002"), dialog, StringComparison.Ordinal);
    }

    private async Task SeedUnderUnkeyedIdsAsync()
    {
        var now = _fixture.Time.GetUtcNow();
        var anne = Old("100001");
        await _fixture.Roster.UpsertStudentAsync(new RosterStudent(School, anne, Details("100001", "Anne"), now));
        await _fixture.Roster.UpsertStudentAsync(new RosterStudent(School, Old("100002"), Details("100002", "Bram"), now));
        await _fixture.Roster.AssignRoleAsync(new RoleAssignment(School, nameof(Role.Mentor), "max@school.example.nl", RoleScope.Student(anne).ToStorage(), now.AddDays(-1)));
        await _fixture.Dossiers.AppendAsync(School, anne, 0, [new DossierEvent("e-1", new StoredEnvelope("ziekmelding", "{\"firstDay\":\"2026-11-23\"}"), now)]);
        // A payload longer than one property, with the id cut in two where it is split (at 32 000 characters).
        await _fixture.Dossiers.AppendAsync(School, anne, 1, [new DossierEvent("e-2", new StoredEnvelope("notitie", $"{{\"tekst\":\"{new string('x', 31_970)}\",\"over\":\"{anne}\"}}"), now)]);
        await _fixture.Decisions.RecordAsync(new DecisionRecord(School, anne, "d-1", new StoredEnvelope("besluit", $"{{\"leerling\":\"{anne}\"}}"), "lpa@rbl.example.nl", now));
        await _fixture.Audit.RecordAsync(new AuditRecord(School, anne, AccessFixture.Beheerder, "beheerder", School, "rol-toegekend", $"rol mentor (leerling {anne}) toegekend aan max@school.example.nl"));
        await new TaskStore(_fixture.Tables).UpsertAsync(new DueTaskDefinition(OldTask("100001"), School, anne, "MentorReminder", "Mentor", Due, new StoredEnvelope("due-task-v1", "{\"anchor\":\"e-1\"}")));
        await _fixture.DialogStates.SaveAsync("chat-receptie", $"{{\"kandidaten\":\"{School}|{anne};{School}|{Old("100002")}\",\"label\":\"Anne\"}}", null);

        // Left and removed from the roster earlier: only the dossier remains.
        await _fixture.Dossiers.AppendAsync(School, Old("999999"), 0, [new DossierEvent("e-9", new StoredEnvelope("ziekmelding", "{}"), now)], DossierStatus.Closed);

        // Another school, imported with the keyed ids already.
        await _fixture.Roster.UpsertStudentAsync(new RosterStudent(AccessFixture.OtherSchool, AccessFixture.Ids.For(new SchoolId(AccessFixture.OtherSchool), "200001").Value, Details("200001", "Cas"), now));
    }

    /// <summary>Every key and value of every table that holds student ids, as one sorted text (ETags and timestamps left out).</summary>
    private async Task<string> SnapshotAsync()
    {
        var lines = new List<string>();
        foreach (var name in Tables)
        {
            var table = _fixture.Tables.GetTable(name);
            await table.CreateIfNotExistsAsync();
            await foreach (var row in table.QueryAsync(new TableQuery()))
            {
                lines.Add($"{name}|{row.PartitionKey}|{row.RowKey}|" + string.Join("|", row.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Format(p.Value)}")));
            }
        }

        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }

    private static string Format(object value) => value switch
    {
        DateTimeOffset at => at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static StoredEnvelope Details(string leerlingnummer, string roepnaam) =>
        new RosterStudentDetails(leerlingnummer, roepnaam, null, "Jansen", new DateOnly(2012, 3, 4), "2b", "m@school.example.nl", "Utrecht", SchoolType.VO).ToEnvelope();

    /// <summary>A store that fails the first time it is asked to rename (the run stops half-way), then works.</summary>
    private sealed class FailingOnceHolder : Retention.IStudentDataHolder
    {
        private bool _failed;

        public Task<int> DeleteStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken) => Task.FromResult(0);

        public Task<int> RenameStudentsAsync(string schoolId, IReadOnlyDictionary<string, string> newIdByOldId, CancellationToken cancellationToken)
        {
            if (!_failed)
            {
                _failed = true;
                throw new IOException("store down");
            }

            return Task.FromResult(0);
        }
    }
}

public sealed class SqlitePseudonymMigrationTests() : PseudonymMigrationContract(new SqliteBackend());

[Collection(AzuriteCollection.Name)]
public sealed class AzuritePseudonymMigrationTests(AzuriteFixture azurite) : PseudonymMigrationContract(new AzuriteBackend(azurite));
