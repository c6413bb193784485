using System.Text.Json;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Retention;
using VerzuimBot.Access.Roster;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;

namespace VerzuimBot.Access.Tests;

// issue 7 item 6: retention (clock moved), inzageverzoek, delete on request.
public sealed class RetentionTests
{
    private const string Name = "Zwanenburg";
    private const string Medical = "migraine";
    private readonly AccessFixture _fixture = new();
    private readonly string _student = AccessFixture.Ids.For(new SchoolId(AccessFixture.School), "100001").Value;

    private AccessActor Beheerder => new(AccessFixture.Beheerder, AccessFixture.SchoolTenant, [new RoleGrant(Role.Beheerder, AccessFixture.School, OrganisationKind.School, RoleScope.Organisation, DateTimeOffset.MinValue)]);

    [Fact]
    public async Task Run_ClosedCase_KeptDuringRetentionAndAnonymisedAfter_AndASecondRunChangesNothing()
    {
        await SeedClosedCaseAsync();
        var overleg = new RecordingHolder();
        _fixture.Holders.Add(overleg);
        var job = _fixture.RetentionJob();

        _fixture.Time.Advance(TimeSpan.FromDays(365));
        var early = await job.RunAsync();
        Assert.Equal((1, 0), (early.Kept, early.Anonymised));
        Assert.Equal(3, (await _fixture.Dossiers.ReadAsync(AccessFixture.School, _student)).Events.Count);

        _fixture.Time.Advance(TimeSpan.FromDays(366));
        var due = await job.RunAsync();
        Assert.Equal((0, 1), (due.Kept, due.Anonymised));
        Assert.Equal([(AccessFixture.School, _student)], overleg.Deleted);
        var dossier = await _fixture.Dossiers.ReadAsync(AccessFixture.School, _student);
        Assert.Empty(dossier.Events);
        Assert.Equal(DossierStatus.Closed, dossier.Head!.Status);
        Assert.Empty(await _fixture.Decisions.ListForCaseAsync(AccessFixture.School, _student));
        var closed = Assert.Single(await _fixture.Data.ListClosedDossiersAsync(AccessFixture.School));
        Assert.Equal(RetentionState.Anonymised, closed.State);

        var again = await job.RunAsync();
        Assert.Equal((0, 1), (again.Anonymised, again.AlreadyAnonymised));
        var trail = await _fixture.Audit.StudentTrailAsync(AccessFixture.School, _student);
        Assert.Single(trail, l => l.Contains("dossier geanonimiseerd na de bewaartermijn van 24 maanden", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_TwoInstancesAtOnce_AnonymiseEachCaseOnce()
    {
        for (var i = 0; i < 6; i++)
        {
            await SeedClosedCaseAsync(AccessFixture.Ids.For(new SchoolId(AccessFixture.School), $"2000{i}").Value);
        }

        _fixture.Time.Advance(TimeSpan.FromDays(800));
        var reports = await Task.WhenAll(_fixture.RetentionJob("a").RunAsync(), _fixture.RetentionJob("b").RunAsync());

        Assert.Equal(6, reports.Sum(r => r.Anonymised));
        Assert.All(await _fixture.Data.ListClosedDossiersAsync(AccessFixture.School), d => Assert.Equal(RetentionState.Anonymised, d.State));
        var audit = await _fixture.AuditStore.ListForSchoolAsync(AccessFixture.School, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        Assert.Equal(6, audit.Count(e => e.Action == "geanonimiseerd"));
    }

    [Fact]
    public async Task Run_ClaimHeldByACrashedInstance_IsTakenOverAfterTheLease()
    {
        await SeedClosedCaseAsync();
        _fixture.Time.Advance(TimeSpan.FromDays(800));
        var listed = Assert.Single(await _fixture.Data.ListClosedDossiersAsync(AccessFixture.School));
        Assert.True(await _fixture.Data.TryClaimAsync(listed, "crashed", _fixture.Time.GetUtcNow().AddMinutes(10)));
        Assert.False(await _fixture.Data.TryClaimAsync(listed, "late", _fixture.Time.GetUtcNow().AddMinutes(10)));

        Assert.Equal(1, (await _fixture.RetentionJob().RunAsync()).ClaimedElsewhere);
        _fixture.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(1, (await _fixture.RetentionJob().RunAsync()).Anonymised);
    }

    [Fact]
    public async Task Run_StudentWhoLeft_RemovedFromRosterOnlyAfterRetentionAndWithoutOpenCase()
    {
        await _fixture.Roster.UpsertStudentAsync(new RosterStudent(AccessFixture.School, "s-left", Details(new DateOnly(2026, 11, 1)), _fixture.Time.GetUtcNow()));
        await _fixture.Roster.UpsertStudentAsync(new RosterStudent(AccessFixture.School, "s-open", Details(new DateOnly(2026, 11, 1)), _fixture.Time.GetUtcNow()));
        await _fixture.Roster.UpsertStudentAsync(new RosterStudent(AccessFixture.School, "s-here", Details(null), _fixture.Time.GetUtcNow()));
        await _fixture.Dossiers.AppendAsync(AccessFixture.School, "s-open", 0, [Event("e1")]);

        Assert.Equal(0, (await _fixture.RetentionJob().RunAsync()).RosterEntriesRemoved);
        _fixture.Time.Advance(TimeSpan.FromDays(740));
        Assert.Equal(1, (await _fixture.RetentionJob().RunAsync()).RosterEntriesRemoved);

        Assert.Equal(["s-here", "s-open"], (await _fixture.Roster.ListStudentsAsync(AccessFixture.School)).Select(s => s.StudentId).Order());
    }

    // issue 19 item 8: each school's own bewaartermijn, with the clock moved.
    [Fact]
    public async Task Run_EachSchoolKeepsClosedCasesForItsOwnProfilesPeriod()
    {
        _fixture.Periods.Months[AccessFixture.School] = 12;
        _fixture.Periods.Months[AccessFixture.OtherSchool] = 36;
        await SeedClosedCaseAsync();
        await SeedClosedCaseAsync("s-other", AccessFixture.OtherSchool);

        _fixture.Time.Advance(TimeSpan.FromDays(370));
        var afterAYear = await _fixture.RetentionJob().RunAsync();
        Assert.Equal((1, 1), (afterAYear.Anonymised, afterAYear.Kept));
        Assert.Empty((await _fixture.Dossiers.ReadAsync(AccessFixture.School, _student)).Events);
        Assert.Contains(await _fixture.Audit.StudentTrailAsync(AccessFixture.School, _student), l => l.Contains("bewaartermijn van 12 maanden", StringComparison.Ordinal));

        _fixture.Time.Advance(TimeSpan.FromDays(365));
        Assert.Equal(0, (await _fixture.RetentionJob().RunAsync()).Anonymised);
        _fixture.Time.Advance(TimeSpan.FromDays(370));
        Assert.Equal(1, (await _fixture.RetentionJob().RunAsync()).Anonymised);
        Assert.Empty((await _fixture.Dossiers.ReadAsync(AccessFixture.OtherSchool, "s-other")).Events);
    }

    // issue 19 item 8: a school that is no longer configured is swept too, with the longest configured period.
    [Fact]
    public async Task Run_SchoolNoLongerConfigured_IsSweptWithTheLongestConfiguredPeriod()
    {
        const string gone = "77XX00";
        _fixture.Periods.Months[AccessFixture.School] = 12;
        _fixture.Periods.Months[AccessFixture.OtherSchool] = 30;
        await SeedClosedCaseAsync("s-gone", gone);
        await _fixture.Roster.UpsertStudentAsync(new RosterStudent(gone, "s-left", Details(new DateOnly(2026, 11, 1)), _fixture.Time.GetUtcNow()));
        Assert.Equal(30, _fixture.RetentionJob().MonthsFor(gone));

        _fixture.Time.Advance(TimeSpan.FromDays(740));
        Assert.Equal(0, (await _fixture.RetentionJob().RunAsync()).Anonymised);
        Assert.Equal(3, (await _fixture.Dossiers.ReadAsync(gone, "s-gone")).Events.Count);

        _fixture.Time.Advance(TimeSpan.FromDays(180));
        var report = await _fixture.RetentionJob().RunAsync();
        Assert.Equal((1, 1), (report.Anonymised, report.RosterEntriesRemoved));
        Assert.Empty((await _fixture.Dossiers.ReadAsync(gone, "s-gone")).Events);
        Assert.Empty(await _fixture.Decisions.ListForCaseAsync(gone, "s-gone"));
        Assert.Null(await _fixture.Roster.FindStudentAsync(gone, "s-left"));
    }

    // issue 19 item 8: abandoned dialog states (a child's name) expire after a day and are removed by erasure and by retention.
    [Fact]
    public async Task Run_RemovesDialogStatesIdleForADay_AndErasureRemovesTheStudentsDialogs()
    {
        _fixture.Holders.Add(new DialogStateHolder(_fixture.DialogStates));
        await SeedClosedCaseAsync();
        await _fixture.DialogStates.SaveAsync("chat:receptie", $"{{\"student\":\"{_student}\",\"label\":\"Anne {Name} (2b)\"}}", null);
        await _fixture.DialogStates.SaveAsync("chat:ander", "{\"label\":\"Bram Visser (3a)\"}", null);

        var erased = await _fixture.Eraser.EraseAsync(Beheerder, AccessFixture.School, _student);
        Assert.True(erased.Succeeded, erased.Message);
        Assert.Null(await _fixture.DialogStates.LoadAsync("chat:receptie"));
        Assert.NotNull(await _fixture.DialogStates.LoadAsync("chat:ander"));

        _fixture.Time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, (await _fixture.RetentionJob().RunAsync()).DialogStatesRemoved);
        _fixture.Time.Advance(TimeSpan.FromHours(2));
        var report = await _fixture.RetentionJob().RunAsync();
        Assert.Equal(1, report.DialogStatesRemoved);
        Assert.Contains("1 onafgemaakte gesprekken verwijderd", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inzage_ExportsEverythingHeldOnTheStudentAsJson_AndIsAudited()
    {
        await SeedClosedCaseAsync();

        var result = await _fixture.Inzage.ExportAsync(Beheerder, AccessFixture.School, _student);

        Assert.True(result.Succeeded, result.Message);
        using var json = JsonDocument.Parse(result.Json!);
        var root = json.RootElement;
        Assert.Equal(Name, root.GetProperty("leerlinggegevens").GetProperty("achternaam").GetString());
        Assert.Equal(3, root.GetProperty("dossier").GetProperty("gebeurtenissen").GetArrayLength());
        Assert.Equal(Medical, root.GetProperty("dossier").GetProperty("gebeurtenissen")[0].GetProperty("inhoud").GetProperty("note").GetString());
        Assert.Equal(1, root.GetProperty("besluiten").GetArrayLength());
        Assert.Contains("inzageverzoek: alle gegevens geëxporteerd", (await _fixture.Audit.StudentTrailAsync(AccessFixture.School, _student))[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inzage_ByMentor_Refused()
    {
        await SeedClosedCaseAsync();
        var mentor = new AccessActor("m@school.example.nl", AccessFixture.SchoolTenant, [new RoleGrant(Role.Mentor, AccessFixture.School, OrganisationKind.School, RoleScope.Klas("2b"), DateTimeOffset.MinValue)]);

        var result = await _fixture.Inzage.ExportAsync(mentor, AccessFixture.School, _student);

        Assert.False(result.Succeeded);
        Assert.Null(result.Json);
    }

    [Fact]
    public async Task Delete_OnRequest_RemovesEverythingButKeepsTheAuditWithoutNames()
    {
        await SeedClosedCaseAsync();
        var overleg = new RecordingHolder();
        _fixture.Holders.Add(overleg);

        var result = await _fixture.Eraser.EraseAsync(Beheerder, AccessFixture.School, _student);
        Assert.Equal([(AccessFixture.School, _student)], overleg.Deleted);

        Assert.True(result.Succeeded, result.Message);
        Assert.Null(await _fixture.Roster.FindStudentAsync(AccessFixture.School, _student));
        var dossier = await _fixture.Dossiers.ReadAsync(AccessFixture.School, _student);
        Assert.Null(dossier.Head);
        Assert.Empty(dossier.Events);
        Assert.Empty(await _fixture.Decisions.ListForCaseAsync(AccessFixture.School, _student));
        var trail = await _fixture.Audit.StudentTrailAsync(AccessFixture.School, _student);
        Assert.Contains("gegevens verwijderd op verzoek: leerlinggegevens verwijderd, 3 dossiergebeurtenissen, 1 besluiten", trail[^1], StringComparison.Ordinal);
        var everything = string.Join('\n', trail) + string.Join('\n', _fixture.Logs.Messages) + result.Message;
        Assert.DoesNotContain(Name, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Medical, everything, StringComparison.Ordinal);
        Assert.False((await _fixture.Inzage.ExportAsync(Beheerder, AccessFixture.School, "s-never")).Succeeded);
    }

    [Fact]
    public async Task Retention_NeverLogsNamesOrMedicalDetails()
    {
        await SeedClosedCaseAsync();
        _fixture.Time.Advance(TimeSpan.FromDays(800));

        await _fixture.RetentionJob().RunAsync();

        Assert.NotEmpty(_fixture.Logs.Messages);
        Assert.DoesNotContain(_fixture.Logs.Messages, m => m.Contains(Name, StringComparison.Ordinal) || m.Contains(Medical, StringComparison.Ordinal));
    }

    private async Task SeedClosedCaseAsync(string? student = null, string school = AccessFixture.School)
    {
        student ??= _student;
        await _fixture.Roster.UpsertStudentAsync(new RosterStudent(school, student, Details(null), _fixture.Time.GetUtcNow()));
        await _fixture.Dossiers.AppendAsync(school, student, 0, [Event("e1"), Event("e2")]);
        await _fixture.Dossiers.AppendAsync(school, student, 2, [Event("e3")], DossierStatus.Closed);
        await _fixture.Decisions.RecordAsync(new DecisionRecord(school, student, "d1", new StoredEnvelope("besluit", "{\"choice\":\"ja\"}"), "lpa@rbl.example.nl", _fixture.Time.GetUtcNow()));
    }

    private DossierEvent Event(string id) =>
        new(id, new StoredEnvelope("ziekmelding", $"{{\"note\":\"{Medical}\"}}"), _fixture.Time.GetUtcNow());

    private static StoredEnvelope Details(DateOnly? left) =>
        new RosterStudentDetails("100001", "Anne", null, Name, new DateOnly(2012, 3, 4), "2b", "m@school.example.nl", "Utrecht", SchoolType.VO, left).ToEnvelope();
}

/// <summary>Another store holding rows about a student (in the host: the overleg route's); records what it was asked to remove.</summary>
internal sealed class RecordingHolder : IStudentDataHolder
{
    public List<(string School, string Student)> Deleted { get; } = [];

    public Task<int> DeleteStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken)
    {
        Deleted.Add((schoolId, studentId));
        return Task.FromResult(1);
    }

    public List<(string School, IReadOnlyDictionary<string, string> Map)> Renamed { get; } = [];

    public Task<int> RenameStudentsAsync(string schoolId, IReadOnlyDictionary<string, string> newIdByOldId, CancellationToken cancellationToken)
    {
        Renamed.Add((schoolId, new Dictionary<string, string>(newIdByOldId)));
        return Task.FromResult(newIdByOldId.Count);
    }
}
