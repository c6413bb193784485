using System.Globalization;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Tests.Stores;

/// <summary>Issue 17 item 2: the data of the earlier layout (one table per store) is found in the Schools table after the move.</summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task SchoolTable_RowsOfTheEarlierTables_AreMovedOnFirstUse_AndFoundThroughTheStores()
    {
        const string school = "12AB00";
        const string student = "s-0123456789abcdef0123";
        const string mentor = "max.mentor@school.example";
        var taskId = $"{student}/MentorContactReminder/Mentor/e1";
        var ticks = Monday.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

        await SeedAsync("Roster", Row(school, $"S|{student}", ("SchoolId", school), ("StudentId", student), ("DetailsType", "roster-v1"), ("Details", "{}"), ("UpdatedAt", Monday)));
        await SeedAsync("Roster", Row(school, $"R|Mentor|{KeyEncoder.Encode(mentor)}|klas:2b", ("SchoolId", school), ("Role", "Mentor"), ("UserId", mentor), ("Scope", "klas:2b"), ("AssignedAt", Monday)));
        await SeedAsync("Dossiers", Row(school, $"H|{student}", ("SchoolId", school), ("StudentId", student), ("Version", 1L), ("Status", "Open"), ("OpenedAt", Monday), ("UpdatedAt", Monday)));
        await SeedAsync("Dossiers", Row(school, $"E|{student}|0000000000000000001", ("Sequence", 1L), ("EventId", "e1"), ("Type", "ziekmelding"), ("RecordedAt", Monday), ("Payload", "{}")));
        var audit = new (string, object)[] { ("SchoolId", school), ("StudentId", student), ("EntryId", "a1"), ("OccurredAt", Monday), ("ActorId", "rita"), ("Action", "ziekmelding"), ("DetailsType", "audit-v1"), ("Details", "{}") };
        await SeedAsync("AuditEntries", Row(school, $"A|{ticks}|a1", audit), Row(school, $"S|{student}|{ticks}|a1", audit));
        await SeedAsync("DueTasks", Row(KeyEncoder.Encode(taskId), "task", ("TaskId", taskId), ("SchoolId", school), ("StudentId", student), ("Kind", "MentorContactReminder"),
            ("AssigneeRole", "Mentor"), ("DueAt", Monday), ("PayloadType", "due-task-v1"), ("Payload", "{}"), ("Status", "Pending"), ("Attempts", 0)));
        await SeedAsync("DueTaskIndex", Row("2026-11-23", $"{ticks}|{KeyEncoder.Encode(taskId)}", ("TaskId", taskId), ("SchoolId", school)));

        Assert.NotNull(await new RosterStore(_tables).FindStudentAsync(school, student));
        Assert.Equal("klas:2b", Assert.Single(await new RosterStore(_tables).ListRolesOfUserAsync(mentor)).Scope);
        var dossier = await new DossierStore(_tables).ReadAsync(school, student);
        Assert.Equal((1L, "e1"), (dossier.Head!.Version, Assert.Single(dossier.Events).Event.EventId));
        Assert.Equal(taskId, Assert.Single(dossier.Tasks).Definition.TaskId);
        Assert.Equal("a1", Assert.Single(await new AuditStore(_tables).ListForStudentAsync(school, student)).EntryId);
        Assert.Single(await new AuditStore(_tables).ListForSchoolAsync(school, Monday, Monday.AddMinutes(1)));
        Assert.Equal(taskId, Assert.Single(await new TaskStore(_tables).ListDueAsync(Monday.AddMinutes(1))).Definition.TaskId);
        foreach (var earlier in new[] { "Roster", "Dossiers", "AuditEntries", "DueTasks", "DueTaskIndex" })
        {
            Assert.Empty(await _tables.GetTable(earlier).QueryAsync(new TableQuery()).ToListAsync(CancellationToken.None));
        }
    }

    [Fact] // The digest's roster read: the asked students of one school from one range, nobody else's, nobody of another school.
    public async Task Roster_ListStudents_OfASet_ReturnsOnlyThoseOfThatSchool()
    {
        var roster = new RosterStore(_tables);
        foreach (var (school, student) in new[] { ("12AB00", "s-a"), ("12AB00", "s-b"), ("12AB00", "s-c"), ("34CD00", "s-a") })
        {
            await roster.UpsertStudentAsync(new RosterStudent(school, student, new StoredEnvelope("roster-v1", $"{{\"school\":\"{school}\"}}"), Monday));
        }

        var found = await roster.ListStudentsAsync("12AB00", new HashSet<string>(["s-a", "s-c", "s-unknown"], StringComparer.Ordinal));

        Assert.Equal(["s-a", "s-c"], found.Keys.Order(StringComparer.Ordinal));
        Assert.All(found.Values, s => Assert.Equal(("12AB00", "{\"school\":\"12AB00\"}"), (s.SchoolId, s.Details.Json)));
        Assert.Empty(await roster.ListStudentsAsync("12AB00", new HashSet<string>(StringComparer.Ordinal)));
    }

    private async Task SeedAsync(string table, params TableEntity[] rows)
    {
        var store = _tables.GetTable(table);
        await store.CreateIfNotExistsAsync();
        foreach (var row in rows)
        {
            await store.UpsertAsync(row, TableUpdateMode.Replace);
        }
    }

    private static TableEntity Row(string partition, string rowKey, params (string Name, object Value)[] properties)
    {
        var row = new TableEntity(partition, rowKey);
        foreach (var (name, value) in properties)
        {
            row[name] = value;
        }

        return row;
    }
}
