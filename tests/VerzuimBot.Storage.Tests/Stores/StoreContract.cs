using VerzuimBot.Storage.Keys;
using VerzuimBot.Storage.Tests.Infrastructure;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Tests.Stores;

/// <summary>The product's stores, run on every backend.</summary>
public abstract partial class StoreContract(Backend backend) : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 8, 15, 0, TimeSpan.FromHours(1));

    private readonly ITableStoreFactory _tables = new PrefixedTableStoreFactory(backend.Factory, Backend.UniqueTableName("s"));
    private readonly ManualTime _time = new(Monday);

    public void Dispose()
    {
        backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ConversationReferences_SaveFindRemove_RoundTripPerOwner()
    {
        var store = new ConversationReferenceStore(_tables);
        var user = new ConversationReferenceRecord("tenant-1", "aad/user#1?", ConversationOwnerKind.User, "a:1xyz", "https://smba.trafficmanager.net/emea/", "msteams", "28:bot", "personal", Monday);
        var channel = user with { OwnerKey = "19:abc;messageid=1@thread.tacv2", Kind = ConversationOwnerKind.Conversation, ConversationId = "19:abc@thread.tacv2", ConversationType = "channel" };
        await store.SaveAsync(user);
        await store.SaveAsync(channel);
        await store.SaveAsync(user with { ServiceUrl = "https://smba.trafficmanager.net/nl/" });

        var foundUser = await store.FindAsync("tenant-1", "aad/user#1?");
        Assert.Equal(user with { ServiceUrl = "https://smba.trafficmanager.net/nl/" }, foundUser);
        Assert.Equal(channel, await store.FindAsync("tenant-1", channel.OwnerKey));
        Assert.Null(await store.FindAsync("tenant-2", "aad/user#1?"));

        await store.RemoveAsync("tenant-1", "aad/user#1?");
        Assert.Null(await store.FindAsync("tenant-1", "aad/user#1?"));
        await store.RemoveAsync("tenant-1", "never-there");
    }

    [Fact]
    public async Task DialogState_SaveWithETags_DetectsConcurrentTurns()
    {
        var store = new DialogStateStore(_tables, _time);
        Assert.Null(await store.LoadAsync("conv:1"));
        var first = await store.SaveAsync("conv:1", "{\"step\":1}", null);
        await Assert.ThrowsAsync<EntityAlreadyExistsException>(() => store.SaveAsync("conv:1", "{\"step\":9}", null));

        var second = await store.SaveAsync("conv:1", "{\"step\":2}", first);
        await Assert.ThrowsAsync<PreconditionFailedException>(() => store.SaveAsync("conv:1", "{\"step\":3}", first));
        Assert.Equal(new DialogStateRecord("{\"step\":2}", second), await store.LoadAsync("conv:1"));

        await store.DeleteAsync("conv:1");
        Assert.Null(await store.LoadAsync("conv:1"));
    }

    [Fact]
    public async Task DialogState_LargerThanOneProperty_IsSplitAndReassembled()
    {
        var store = new DialogStateStore(_tables, _time);
        var big = "{\"text\":\"" + string.Concat(Enumerable.Repeat("\u00e9\ud83d\ude00abc", 30_000)) + "\"}";
        await store.SaveAsync("conv:big", big, null);
        Assert.Equal(big, (await store.LoadAsync("conv:big"))!.StateJson);
    }

    [Fact] // issue 19 item 8: a dialog half-way holds a child's name; left alone for a day it is gone.
    public async Task DialogState_IdleForADay_IsGoneOnLoad_AndSweptWithoutLoad()
    {
        var store = new DialogStateStore(_tables, _time);
        await store.SaveAsync("conv:idle", "{\"label\":\"Daan de Vries (2b)\"}", null);
        await store.SaveAsync("conv:swept", "{\"label\":\"Emma Bakker (2b)\"}", null);
        _time.Now = Monday.AddHours(23);
        var fresh = await store.SaveAsync("conv:fresh", "{\"step\":1}", null);
        Assert.NotNull(await store.LoadAsync("conv:idle"));

        _time.Now = Monday.AddDays(1);
        Assert.Null(await store.LoadAsync("conv:idle"));
        await store.SaveAsync("conv:idle", "{\"step\":0}", null); // a new dialog may start where the old one was
        Assert.Equal(1, await store.DeleteIdleAsync());
        Assert.Equal(0, await store.DeleteIdleAsync());
        Assert.Equal(new DialogStateRecord("{\"step\":1}", fresh), await store.LoadAsync("conv:fresh"));
        Assert.Null(await store.LoadAsync("conv:swept"));
    }

    [Fact] // issue 19 item 8: erasure removes every dialog about the student, also one that lists them among candidates.
    public async Task DialogState_DeleteMentioning_RemovesOnlyStatesThatHoldTheValue()
    {
        var store = new DialogStateStore(_tables, _time);
        await store.SaveAsync("conv:1", "{\"student\":\"s-0123456789abcdef0123\"}", null);
        await store.SaveAsync("conv:2", "{\"kandidaten\":\"12AB00|s-ffff;12AB00|s-0123456789abcdef0123\"}", null);
        await store.SaveAsync("conv:3", "{\"student\":\"s-ffff\"}", null);

        Assert.Equal(2, await store.DeleteMentioningAsync("s-0123456789abcdef0123"));
        Assert.Null(await store.LoadAsync("conv:1"));
        Assert.Null(await store.LoadAsync("conv:2"));
        Assert.NotNull(await store.LoadAsync("conv:3"));
    }

    [Fact] // issue 19 item 8: retention sweeps every school that holds data, configured or not; a kernpartner's roles are no school.
    public async Task StudentData_ListSchools_NamesEverySchoolWithDossiersOrStudents()
    {
        var dossiers = new DossierStore(_tables);
        var roster = new RosterStore(_tables);
        await dossiers.AppendAsync("12AB00", "s-1", 0, [new DossierEvent("e-1", new StoredEnvelope("ziekmelding", "{}"), Monday)]);
        await roster.UpsertStudentAsync(new RosterStudent("34CD/00", "s-2", new StoredEnvelope("roster-student-v1", "{}"), Monday));
        await roster.AssignRoleAsync(new RoleAssignment("GGD-1", "Jeugdarts", "j@ggd.example.nl", "scholen:12AB00", Monday));

        Assert.Equal(["12AB00", "34CD/00"], await new StudentDataStore(_tables).ListSchoolsAsync());
    }

    [Fact]
    public async Task ProcessedActivities_SecondDelivery_IsRecognised()
    {
        var store = new ProcessedActivityStore(_tables);
        Assert.True(await store.TryMarkProcessedAsync("msteams", "1:act/1", Monday));
        Assert.False(await store.TryMarkProcessedAsync("msteams", "1:act/1", Monday.AddMinutes(1)));
        Assert.True(await store.TryMarkProcessedAsync("msteams", "1:act/2", Monday));
        Assert.True(await store.TryMarkProcessedAsync("webchat", "1:act/1", Monday));

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => store.TryMarkProcessedAsync("msteams", "race", Monday.AddSeconds(i))));
        Assert.Single(concurrent, first => first);
    }

    [Fact]
    public async Task Dossier_TwoWritersAppendingAfterTheSameVersion_ExactlyOneWinsAndTheLoserRetries()
    {
        var store = new DossierStore(_tables);
        await store.AppendAsync("school-1", "student-1", 0, [Event("e0", "Ziekmelding")]);
        var readByA = await store.ReadAsync("school-1", "student-1");
        var readByB = await store.ReadAsync("school-1", "student-1");

        var results = await Task.WhenAll(
            Attempt(() => store.AppendAsync("school-1", "student-1", readByA.Version, [Event("a1", "Herinnering")])),
            Attempt(() => store.AppendAsync("school-1", "student-1", readByB.Version, [Event("b1", "Beterm\u00e8lding")])));

        Assert.Single(results, r => r is long);
        var conflict = Assert.IsType<DossierConflictException>(Assert.Single(results, r => r is Exception));
        Assert.Equal(1, conflict.ExpectedVersion);

        var loserEvent = results[0] is long ? Event("b1", "Beterm\u00e8lding") : Event("a1", "Herinnering");
        var reread = await store.ReadAsync("school-1", "student-1");
        Assert.Equal(3, await store.AppendAsync("school-1", "student-1", reread.Version, [loserEvent]));

        var dossier = await store.ReadAsync("school-1", "student-1");
        Assert.Equal(3, dossier.Version);
        Assert.Equal([1L, 2L, 3L], dossier.Events.Select(e => e.Sequence));
        Assert.Equal(["a1", "b1", "e0"], dossier.Events.Select(e => e.Event.EventId).Order(StringComparer.Ordinal));
        Assert.Equal("e0", dossier.Events[0].Event.EventId);
        Assert.Equal(Event("e0", "Ziekmelding"), dossier.Events[0].Event);
    }

    [Fact]
    public async Task Dossier_ManyConcurrentWritersWithRetry_LoseNoEvent()
    {
        var store = new DossierStore(_tables);
        var writers = Enumerable.Range(0, 6).Select(i => store.AppendWithRetryAsync("school-1", "student-2", [Event("w" + i, "Melding")]));
        var versions = await Task.WhenAll(writers);

        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], versions.Order());
        var dossier = await store.ReadAsync("school-1", "student-2");
        Assert.Equal(6, dossier.Events.Count);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => "w" + i), dossier.Events.Select(e => e.Event.EventId).Order(StringComparer.Ordinal));
    }

    [Fact] // Six writers that each append only while no "Besluit" is stored: the store asks again after a conflict, so one wins.
    public async Task Dossier_ConcurrentConditionalWriters_DecideOnTheDossierAsStored()
    {
        var store = new DossierStore(_tables);
        var writers = Enumerable.Range(0, 6).Select(i => store.AppendWhenAsync("school-1", "student-4", stored =>
            stored.Events.Any(e => e.Event.Payload.Type == "Besluit") ? null : ([Event("d" + i, "Besluit")], (DossierStatus?)null)));
        var appended = await Task.WhenAll(writers);

        Assert.Single(appended, a => a);
        Assert.Single((await store.ReadAsync("school-1", "student-4")).Events);
    }

    [Fact]
    public async Task Dossier_RepeatedAppendOfTheSameEvents_IsStoredOnce()
    {
        var store = new DossierStore(_tables);
        var events = new[] { Event("x1", "Ziekmelding"), Event("x2", "Herinnering") };
        Assert.Equal(2, await store.AppendAsync("school-1", "student-3", 0, events));
        Assert.Equal(2, await store.AppendAsync("school-1", "student-3", 0, events));
        await Assert.ThrowsAsync<DossierConflictException>(() => store.AppendAsync("school-1", "student-3", 0, [Event("other", "Ziekmelding")]));
        Assert.Equal(2, (await store.ReadAsync("school-1", "student-3")).Events.Count);
    }

    [Fact]
    public async Task Dossier_ListOpen_ReturnsOnlyOpenDossiersOfThatSchool()
    {
        var store = new DossierStore(_tables);
        await store.AppendAsync("school-1", "open-a", 0, [Event("1", "Ziekmelding")]);
        await store.AppendAsync("school-1", "closed-b", 0, [Event("2", "Ziekmelding")]);
        await store.AppendAsync("school-1", "closed-b", 1, [Event("3", "Betermelding")], DossierStatus.Closed);
        await store.AppendAsync("school-2", "open-c", 0, [Event("4", "Ziekmelding")]);

        var open = await store.ListOpenAsync("school-1");

        var head = Assert.Single(open);
        Assert.Equal(new DossierHead("school-1", "open-a", 1, DossierStatus.Open, Monday), head);
    }

    [Fact]
    public async Task Dossier_ListHeads_AllOfOneSchool_OrOpenPlusChangedSince()
    {
        var store = new DossierStore(_tables);
        await store.AppendAsync("school-1", "open-old", 0, [Event("1", "Ziekmelding")]);
        await store.AppendAsync("school-1", "closed-old", 0, [Event("2", "Ziekmelding")]);
        await store.AppendAsync("school-1", "closed-old", 1, [Event("3", "Betermelding")], DossierStatus.Closed);
        await store.AppendAsync("school-1", "closed-new", 0, [Event("4", "Ziekmelding") with { RecordedAt = Monday.AddDays(7) }], DossierStatus.Closed);
        await store.AppendAsync("school-2", "other-school", 0, [Event("5", "Ziekmelding")]);

        var all = await store.ListHeadsAsync("school-1");
        Assert.Equal(["closed-new", "closed-old", "open-old"], all.Select(h => h.StudentId).Order(StringComparer.Ordinal));
        Assert.Equal(new DossierHead("school-1", "closed-old", 2, DossierStatus.Closed, Monday), all.Single(h => h.StudentId == "closed-old"));

        var changed = await store.ListHeadsAsync("school-1", Monday.AddDays(1));
        Assert.Equal(["closed-new", "open-old"], changed.Select(h => h.StudentId).Order(StringComparer.Ordinal));
        Assert.Empty(await store.ListHeadsAsync("school-3"));
    }

    [Fact]
    public async Task Dossier_ReadMany_GroupsTheEventsOfTheAskedStudentsInOrder()
    {
        var store = new DossierStore(_tables);
        await store.AppendAsync("school-1", "stu|1/a", 0, [Event("1", "Ziekmelding"), Event("2", "Herinnering")]);
        await store.AppendAsync("school-1", "stu|1/a", 2, [Event("3", "Betermelding")], DossierStatus.Closed);
        await store.AppendAsync("school-1", "stu-2", 0, [Event("4", "Ziekmelding")]);
        await store.AppendAsync("school-1", "not-asked", 0, [Event("5", "Ziekmelding")]);
        await store.AppendAsync("school-2", "stu-2", 0, [Event("6", "Ziekmelding")]);

        var read = await store.ReadManyAsync("school-1", new HashSet<string>(["stu|1/a", "stu-2", "no-dossier"], StringComparer.Ordinal));

        Assert.Equal(["stu-2", "stu|1/a"], read.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((await store.ReadAsync("school-1", "stu|1/a")).Events, read["stu|1/a"]);
        Assert.Equal(["4"], read["stu-2"].Select(e => e.Event.EventId));
    }

    [Fact]
    public async Task Tasks_ListDue_FindsDueAndLeftoverTasksButNotFutureOrFinishedOnes()
    {
        var store = new TaskStore(_tables);
        await store.UpsertAsync(DueSoon("due-now", Monday));
        await store.UpsertAsync(DueSoon("leftover", Monday.AddDays(-3)));
        await store.UpsertAsync(DueSoon("later-today", Monday.AddHours(5)));
        await store.UpsertAsync(DueSoon("tomorrow", Monday.AddDays(1)));
        await store.UpsertAsync(DueSoon("cancelled", Monday.AddMinutes(-5)));
        Assert.True(await store.CancelAsync("school-1", "student-1", "cancelled"));

        var due = await store.ListDueAsync(Monday.AddMinutes(1));

        Assert.Equal(["leftover", "due-now"], due.Select(t => t.Definition.TaskId));
        Assert.Equal(DueSoon("due-now", Monday), due[1].Definition with { DueAt = Monday });
    }

    [Fact]
    public async Task Tasks_UpsertAgain_IsIdempotentAndMovesTheDueTime()
    {
        var store = new TaskStore(_tables);
        await store.UpsertAsync(DueSoon("t1", Monday));
        var first = (await store.GetAsync("school-1", "student-1", "t1"))!.ETag;
        await store.UpsertAsync(DueSoon("t1", Monday));
        Assert.Equal(first, (await store.GetAsync("school-1", "student-1", "t1"))!.ETag); // unchanged: not written again
        await store.UpsertAsync(DueSoon("t1", Monday.AddDays(2)));

        Assert.Empty(await store.ListDueAsync(Monday.AddHours(1)));
        var due = Assert.Single(await store.ListDueAsync(Monday.AddDays(2)));
        Assert.Equal(Monday.AddDays(2), due.Definition.DueAt);
    }

    [Fact]
    public async Task Tasks_TwoInstancesClaimingTheSameTask_ExactlyOneWins()
    {
        var store = new TaskStore(_tables);
        await store.UpsertAsync(DueSoon("t-claim", Monday));
        var seenByA = Assert.Single(await store.ListDueAsync(Monday));
        var seenByB = Assert.Single(await store.ListDueAsync(Monday));

        var claims = await Task.WhenAll(
            Enumerable.Range(0, 4).Select(i => store.TryClaimAsync(i % 2 == 0 ? seenByA : seenByB, "instance-" + i, Monday, TimeSpan.FromMinutes(5))));

        var winner = Assert.Single(claims, c => c is not null);
        Assert.Empty(await store.ListDueAsync(Monday.AddMinutes(1)));
        Assert.True(await store.MarkDeliveredAsync(winner!, Monday.AddMinutes(1)));
        Assert.Equal(DueTaskStatus.Delivered, (await store.GetAsync("school-1", "student-1", "t-claim"))!.Status);
        Assert.Empty(await store.ListDueAsync(Monday.AddDays(1)));

        await store.UpsertAsync(DueSoon("t-claim", Monday.AddDays(3)));
        Assert.Equal(DueTaskStatus.Delivered, (await store.GetAsync("school-1", "student-1", "t-claim"))!.Status);
    }

    [Fact]
    public async Task Tasks_ClaimOfACrashedInstance_ExpiresAndIsRetried()
    {
        var store = new TaskStore(_tables);
        await store.UpsertAsync(DueSoon("t-lease", Monday));
        var crashed = await store.TryClaimAsync(Assert.Single(await store.ListDueAsync(Monday)), "crashed", Monday, TimeSpan.FromMinutes(5));
        Assert.NotNull(crashed);

        Assert.Empty(await store.ListDueAsync(Monday.AddMinutes(4)));
        var offered = Assert.Single(await store.ListDueAsync(Monday.AddMinutes(6)));
        var retry = await store.TryClaimAsync(offered, "healthy", Monday.AddMinutes(6), TimeSpan.FromMinutes(5));

        Assert.NotNull(retry);
        Assert.False(await store.MarkDeliveredAsync(crashed, Monday.AddMinutes(7)));
        Assert.True(await store.MarkDeliveredAsync(retry, Monday.AddMinutes(7)));
    }

    [Fact]
    public async Task Tasks_RescheduleAfterFailedSend_OffersTheTaskAgainLater()
    {
        var store = new TaskStore(_tables);
        await store.UpsertAsync(DueSoon("t-retry", Monday));
        var claim = await store.TryClaimAsync(Assert.Single(await store.ListDueAsync(Monday)), "a", Monday, TimeSpan.FromMinutes(5));

        Assert.True(await store.RescheduleAsync(claim!, Monday.AddDays(1)));

        Assert.Empty(await store.ListDueAsync(Monday.AddHours(2)));
        var again = Assert.Single(await store.ListDueAsync(Monday.AddDays(1)));
        Assert.Equal(1, again.Attempts);
        Assert.Equal(DueTaskStatus.Pending, again.Status);
    }

    [Fact]
    public async Task Roster_StudentsAndRoles_ArePerSchool()
    {
        var store = new RosterStore(_tables);
        await store.UpsertStudentAsync(new RosterStudent("school-1", "s1", new StoredEnvelope("Leerling", "{\"klas\":\"2b\"}"), Monday));
        await store.UpsertStudentAsync(new RosterStudent("school-1", "s2", new StoredEnvelope("Leerling", "{}"), Monday));
        await store.UpsertStudentAsync(new RosterStudent("school-2", "s3", new StoredEnvelope("Leerling", "{}"), Monday));
        await store.AssignRoleAsync(new RoleAssignment("school-1", "Mentor", "user-a", "2b", Monday));
        await store.AssignRoleAsync(new RoleAssignment("school-1", "Mentor", "user-a", "2b", Monday));
        await store.AssignRoleAsync(new RoleAssignment("school-1", "Zorgcoordinator", "user-b", string.Empty, Monday));
        await store.AssignRoleAsync(new RoleAssignment("school-1", "Mentor", "user-b", "3a", Monday, "leerlingenlijst"));

        Assert.Equal(["s1", "s2"], (await store.ListStudentsAsync("school-1")).Select(s => s.StudentId));
        Assert.Equal([null, "leerlingenlijst"], (await store.ListRoleAssignmentsAsync("school-1", "Mentor")).OrderBy(a => a.UserId).Select(a => a.Source));
        Assert.Equal("{\"klas\":\"2b\"}", (await store.FindStudentAsync("school-1", "s1"))!.Details.Json);
        Assert.Equal(2, (await store.ListRoleAssignmentsAsync("school-1", "Mentor")).Count);
        Assert.Equal(["Mentor", "Zorgcoordinator"], (await store.ListRolesOfUserAsync("school-1", "user-b")).Select(r => r.Role));

        await store.RevokeRoleAsync("school-1", "Mentor", "user-b", "3a");
        await store.RemoveStudentAsync("school-1", "s2");
        Assert.Single(await store.ListRoleAssignmentsAsync("school-1", "Mentor"));
        Assert.Single(await store.ListStudentsAsync("school-1"));
    }

    [Fact]
    public async Task Decisions_AreImmutable()
    {
        var store = new DecisionStore(_tables);
        var decision = new DecisionRecord("school-1", "case-1", "d1", new StoredEnvelope("Besluit", "{\"uitkomst\":\"leerplicht\"}"), "user-a", Monday);
        Assert.True(await store.RecordAsync(decision));
        Assert.False(await store.RecordAsync(decision));
        await Assert.ThrowsAsync<ImmutableRecordConflictException>(() => store.RecordAsync(decision with { DecidedBy = "user-b" }));

        Assert.Equal(decision, await store.FindAsync("school-1", "case-1", "d1"));
        Assert.Equal([decision], await store.ListForCaseAsync("school-1", "case-1"));
    }

    [Fact]
    public async Task Audit_EntriesReadPerSchoolAndPerStudent_InOrder()
    {
        var store = new AuditStore(_tables);
        var details = new StoredEnvelope("Audit", "{}");
        await store.AppendAsync(new AuditEntry("school-1", "s1", "e2", Monday.AddMinutes(2), "user-a", "ZiekmeldingGeregistreerd", details));
        await store.AppendAsync(new AuditEntry("school-1", "s1", "e1", Monday.AddMinutes(1), "user-a", "DossierGeopend", details));
        await store.AppendAsync(new AuditEntry("school-1", null, "e3", Monday.AddMinutes(3), "user-b", "RosterGeimporteerd", details));
        await store.AppendAsync(new AuditEntry("school-1", "s2", "e4", Monday.AddMinutes(4), "user-b", "DossierGeopend", details));
        await store.AppendAsync(new AuditEntry("school-1", "s1", "e1", Monday.AddMinutes(1), "user-a", "DossierGeopend", details));

        Assert.Equal(["e1", "e2", "e3", "e4"], (await store.ListForSchoolAsync("school-1", Monday, Monday.AddHours(1))).Select(e => e.EntryId));
        Assert.Equal(["e1", "e2"], (await store.ListForStudentAsync("school-1", "s1")).Select(e => e.EntryId));
        Assert.Equal(["e2", "e3"], (await store.ListForSchoolAsync("school-1", Monday.AddMinutes(2), Monday.AddMinutes(4))).Select(e => e.EntryId));
    }

    private static DossierEvent Event(string id, string type) => new(id, new StoredEnvelope(type, "{\"id\":\"" + id + "\",\"naam\":\"O'Brien\"}"), Monday);

    [Fact] // A task's due hint is written in the same transaction as its row; the sweep moves it on (src/VerzuimBot.Storage/README.md, "Due hints").
    public async Task Tasks_AHintLeadsTheSweepToTheTask_AndMovesOnWhenNothingIsDue()
    {
        var store = new TaskStore(_tables);
        var rows = _tables.GetTable(TableNames.Schools);
        async Task<IReadOnlyList<string>> Hints() => (await rows.QueryAsync(new TableQuery(TableFilter.PartitionKeyEquals("school-1"))).ToListAsync(CancellationToken.None))
            .Select(r => r.RowKey).Where(k => k.StartsWith("Q|", StringComparison.Ordinal)).ToList();
        string HintAt(DateTimeOffset at) => $"Q|{at.UtcTicks:D19}|student-1";

        // A task is one row; its student gets a hint at its due time, in the same transaction.
        await store.UpsertAsync(DueSoon("t-row", Monday));
        Assert.Equal([HintAt(Monday)], await Hints());

        // Moved a day on: a hint then; the earlier one is early, which costs the sweep a look, never a missed task.
        await store.UpsertAsync(DueSoon("t-row", Monday.AddDays(1)));
        Assert.Equal([HintAt(Monday), HintAt(Monday.AddDays(1))], await Hints());
        Assert.Empty(await store.ListDueAsync(Monday.AddHours(1)));
        Assert.Equal([HintAt(Monday.AddDays(1))], await Hints());

        // Claimed: the hint stays until the sweep finds nothing to do, then goes to the end of the lease (a crash mid-send
        // is found again), and after the delivery it goes altogether.
        var claim = await store.TryClaimAsync(Assert.Single(await store.ListDueAsync(Monday.AddDays(1))), "a", Monday.AddDays(1), TimeSpan.FromMinutes(5));
        Assert.Empty(await store.ListDueAsync(Monday.AddDays(1).AddMinutes(1)));
        Assert.Equal([HintAt(Monday.AddDays(1).AddMinutes(5))], await Hints());
        Assert.True(await store.MarkDeliveredAsync(claim!, Monday.AddDays(1).AddMinutes(2)));
        Assert.Empty(await store.ListDueAsync(Monday.AddDays(1).AddMinutes(5)));
        Assert.Empty(await Hints());
        Assert.Equal(DueTaskStatus.Delivered, (await store.GetAsync("school-1", "student-1", "t-row"))!.Status);
    }

    [Fact] // Data of the version before due hints: a due row per task ("Q|ticks|task", a copy of the task) and no hint.
    public async Task Tasks_WithTheDueRowOfTheEarlierVersion_AreFound_AndTheRowGoesOnceTheyAreDone()
    {
        var store = new TaskStore(_tables);
        var rows = _tables.GetTable(TableNames.Schools);
        await store.UpsertAsync(DueSoon("t-old", Monday));
        var hint = Assert.Single(await rows.QueryAsync(new TableQuery(TableFilter.PartitionKeyEquals("school-1"))).ToListAsync(CancellationToken.None), r => r.RowKey.StartsWith("Q|", StringComparison.Ordinal));
        await rows.DeleteAsync("school-1", hint.RowKey);
        var task = (await rows.GetAsync("school-1", "E|student-1|T|t-old"))!;
        var dueRow = new TableEntity("school-1", $"Q|{Monday.UtcTicks:D19}|t-old");
        foreach (var (name, value) in task.Properties)
        {
            dueRow[name] = value;
        }

        await rows.AddAsync(dueRow);

        var claim = await store.TryClaimAsync(Assert.Single(await store.ListDueAsync(Monday)), "a", Monday, TimeSpan.FromMinutes(5));
        Assert.True(await store.MarkDeliveredAsync(claim!, Monday.AddMinutes(1)));
        Assert.Empty(await store.ListDueAsync(Monday.AddMinutes(2)));
        Assert.DoesNotContain(await rows.QueryAsync(new TableQuery(TableFilter.PartitionKeyEquals("school-1"))).ToListAsync(CancellationToken.None), r => r.RowKey.StartsWith("Q|", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Tasks_AddedWhileTheSweepMovesAStudentsHintsOn_AreStillFound(int minutesAfterTheListedHint)
    {
        // The sweep lists the student's hint and reads the tasks (one claimed, its lease running); a dossier write then adds a
        // task due soon (at the listed hint's own moment, or another); the sweep, going by what it read, moves the hints on.
        var store = new TaskStore(_tables);
        var rows = _tables.GetTable(TableNames.Schools);
        await store.UpsertAsync(DueSoon("t-claimed", Monday));
        Assert.NotNull(await store.TryClaimAsync(Assert.Single(await store.ListDueAsync(Monday)), "a", Monday, TimeSpan.FromMinutes(10)));
        var listed = Assert.Single(await TaskHints.DueAsync(rows, ["school-1"], Monday.AddMinutes(1), CancellationToken.None));
        var read = await TaskHints.TasksOfAsync(rows, "school-1", "student-1", CancellationToken.None);

        await store.UpsertAsync(DueSoon("t-new", Monday.AddMinutes(minutesAfterTheListedHint)));
        await TaskHints.MoveOnAsync(rows, listed, read.Select(TaskTiming.Of), CancellationToken.None);

        Assert.Equal(["t-new"], (await store.ListDueAsync(Monday.AddMinutes(3))).Select(t => t.Definition.TaskId));
        Assert.Equal(["t-claimed", "t-new"], (await store.ListDueAsync(Monday.AddMinutes(10))).Select(t => t.Definition.TaskId));
    }

    private static DueTaskDefinition DueSoon(string id, DateTimeOffset due) =>
        new(id, "school-1", "student-1", "MentorHerinnering", "Mentor", due, new StoredEnvelope("Herinnering", "{\"dag\":3}"));

    private static async Task<object> Attempt(Func<Task<long>> append)
    {
        try
        {
            return await append();
        }
        catch (DossierConflictException exception)
        {
            return exception;
        }
    }

    [Fact]
    public async Task DigestSubscriptions_ASlotIsClaimedOnce_AnExpiredClaimIsTakenOver_APostedSlotNever()
    {
        var store = new DigestSubscriptionStore(_tables);
        var subscription = new DigestSubscription("SWV/1", "tenant-1", "19:kanaal@thread.tacv2", ["12AB00", "34CD00"], "sanne@swv.example.nl", Monday, null);
        await store.SaveAsync(subscription);
        var stored = Assert.Single(await store.ListForAsync("SWV/1"));
        Assert.Equal(subscription with { Schools = stored.Schools }, stored);
        Assert.Equal(["12AB00", "34CD00"], stored.Schools);
        Assert.Single(await store.ListAsync());

        var lease = TimeSpan.FromMinutes(10);
        Assert.True(await store.TryClaimAsync(subscription, "wekelijks|2026-11-30", Monday, lease));
        Assert.False(await store.TryClaimAsync(subscription, "wekelijks|2026-11-30", Monday.AddMinutes(9), lease));
        Assert.True(await store.TryClaimAsync(subscription, "wekelijks|2026-11-30", Monday.AddMinutes(11), lease));

        await store.CompleteAsync(subscription, "wekelijks|2026-11-30", Monday.AddMinutes(12));
        Assert.False(await store.TryClaimAsync(subscription, "wekelijks|2026-11-30", Monday.AddHours(3), lease));
        Assert.Equal(Monday.AddMinutes(12), Assert.Single(await store.ListForAsync("SWV/1")).LastPostedAt);

        await store.RemoveAsync("SWV/1", "19:kanaal@thread.tacv2");
        Assert.Empty(await store.ListForAsync("SWV/1"));
        await store.CompleteAsync(subscription, "wekelijks|2026-12-07", Monday.AddDays(7));
        Assert.Empty(await store.ListAsync());
    }

    [Fact]
    public async Task DigestExports_ATokenWorksUntilItExpires_AndOnlyItsHashIsStored()
    {
        var store = new DigestExportStore(_tables);
        var grant = new DigestExportGrant("SWV-1", ["12AB00"], "sanne@swv.example.nl", Monday, null, Monday.AddMinutes(15));
        var token = await store.IssueAsync(grant);
        Assert.Equal(43, token.Length);

        var found = await store.FindAsync(token, Monday.AddMinutes(14));
        Assert.Equal(grant with { Schools = found!.Grant.Schools }, found.Grant);
        Assert.Equal(["12AB00"], found.Grant.Schools);
        Assert.Null(await store.FindAsync(token + "x", Monday));
        Assert.Null(await store.FindAsync("../../etc", Monday));

        var rows = await _tables.GetTable("DigestExports").QueryAsync(new TableQuery()).ToListAsync(CancellationToken.None);
        Assert.DoesNotContain(rows, r => r.RowKey.Contains(token, StringComparison.Ordinal) || r.Properties.Values.OfType<string>().Any(v => v.Contains(token, StringComparison.Ordinal)));

        Assert.Null(await store.FindAsync(token, Monday.AddMinutes(15)));
        Assert.Empty(await _tables.GetTable("DigestExports").QueryAsync(new TableQuery()).ToListAsync(CancellationToken.None));
    }

    [Fact] // issue 19 item 9: single use, atomic on both backends.
    public async Task DigestExports_ALinkIsUsedUpOnce_EvenBySimultaneousCallers()
    {
        var store = new DigestExportStore(_tables);
        var token = await store.IssueAsync(new DigestExportGrant("SWV-1", ["12AB00"], "sanne@swv.example.nl", Monday, null, Monday.AddMinutes(15)));

        var found = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => store.FindAsync(token, Monday.AddMinutes(1))));
        var consumed = await Task.WhenAll(found.Select(link => store.ConsumeAsync(link!, Monday.AddMinutes(1))));

        Assert.Single(consumed, won => won);
        Assert.Null(await store.FindAsync(token, Monday.AddMinutes(2)));
        Assert.Empty(await _tables.GetTable("DigestExports").QueryAsync(new TableQuery()).ToListAsync(CancellationToken.None));
    }

    [Fact] // issue 19 item 9: expired rows go without anyone trying the link; live ones stay.
    public async Task DigestExports_PurgeExpired_RemovesOnlyExpiredLinks()
    {
        var store = new DigestExportStore(_tables);
        var old = await store.IssueAsync(new DigestExportGrant("SWV-1", ["12AB00"], "sanne@swv.example.nl", Monday, null, Monday.AddMinutes(15)));
        var live = await store.IssueAsync(new DigestExportGrant("SWV-1", ["12AB00"], "sanne@swv.example.nl", Monday, null, Monday.AddMinutes(45)));

        Assert.Equal(1, await store.PurgeExpiredAsync(Monday.AddMinutes(30)));
        Assert.Equal(0, await store.PurgeExpiredAsync(Monday.AddMinutes(30)));
        Assert.Single(await _tables.GetTable("DigestExports").QueryAsync(new TableQuery()).ToListAsync(CancellationToken.None));
        Assert.Null(await store.FindAsync(old, Monday));
        Assert.NotNull(await store.FindAsync(live, Monday.AddMinutes(30)));
    }
}

public sealed class SqliteStoreTests() : StoreContract(new SqliteBackend());

[Collection(AzuriteCollection.Name)]
public sealed class AzureStoreTests(AzuriteFixture azurite) : StoreContract(new AzuriteBackend(azurite));
