using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Rules;

// Task ids are stored keys (DueTasks, DueTaskIndex) and travel on cards as "taak": TaskKey is the one place that
// builds and reads them. Seed 004 Verzuimschema (the ladder and its reminders) gives ids with every kind of anchor.
public class TaskKeyTests : ScenarioBase
{
    [Fact] // 004: 3 hours on Wed 14 Oct 2026, not ticked off; reminders after herfstvakantie midden (17-25 Oct 2026).
    public void EveryIdTheEngineProduces_ParsesBackToItsOwnParts()
    {
        Dossier.Hours(D(2026, 10, 14), 3).Hours(D(2026, 10, 15), 6);
        var tasks = TasksAt(At(D(2026, 10, 27), 12));

        Assert.Contains(tasks, t => t.Key.IsReminder);
        Assert.All(tasks, task =>
        {
            var key = TaskKey.Parse(task.Id.Value);
            Assert.Equal(task.Key, key);
            Assert.Equal(task.Id, key!.Id);
        });
    }

    [Fact] // The id format is fixed: "student/kind/assignee/anchor", a reminder's anchor "rung/day".
    public void Reminder_KeepsItsRungAsBaseAnchor_AndTheIdIsByteIdentical()
    {
        var key = new TaskKey(new StudentId("s-1"), TaskKind.LadderRung, Role.Verzuimcoordinator, "2026-2027-3u/2026-10-26");

        Assert.Equal("s-1/LadderRung/Verzuimcoordinator/2026-2027-3u/2026-10-26", key.Id.Value);
        Assert.True(key.IsReminder);
        Assert.Equal("2026-2027-3u", key.BaseAnchor);
        var rung = LadderRungs.FromTaskId(key.Id.Value, "s-1", ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo));
        Assert.Equal(3, rung!.Rung.Hours);
        Assert.Null(LadderRungs.FromTaskId(key.Id.Value, "s-2", ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo)));
    }

    [Theory] // A forged or damaged "taak" on a card is no task at all.
    [InlineData("")]
    [InlineData("s-1/LadderRung/Verzuimcoordinator")]
    [InlineData("/LadderRung/Verzuimcoordinator/2026-2027-3u")]
    [InlineData("s-1/10/Verzuimcoordinator/2026-2027-3u")]
    [InlineData("s-1/ladderrung/Verzuimcoordinator/2026-2027-3u")]
    [InlineData("s-1/LadderRung/Conciërge/2026-2027-3u")]
    [InlineData("s-1/LadderRung/3/2026-2027-3u")]
    public void Parse_RefusesWhatIsNotATaskId(string forged) => Assert.Null(TaskKey.Parse(forged));
}
