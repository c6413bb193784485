using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Rules;

// Issue 20 item 6: the MAZL profile switches off RUW's "5 dagen in een maand" (002 Bijlage 1 stap 3); domain.md §3 gives MAZL
// only the 4th ziekmelding within 12 school weeks or the 7th consecutive sick day.
public class ProfileMazlScenarioTests : ScenarioBase
{
    [Fact] // Two short periods, 5 sick school days in 20 (2-4 Nov and 9-10 Nov 2026): zorgwekkend under utrecht-west-vo, not under MAZL.
    public void FiveSickDaysInAMonth_WorryingForRuw_NotForMazl()
    {
        Dossier.SickPeriod(D(2026, 11, 2), D(2026, 11, 5));
        Dossier.Ziek(D(2026, 11, 9));
        Dossier.Beter(D(2026, 11, 11));
        Single(TasksAt(At(D(2026, 11, 11), 9)).Where(t => t.Assignee == Domain.Identity.Role.Zorgcoordinator), TaskKind.ZorgwekkendVerzuim);
        None(TasksAt(At(D(2026, 11, 11), 9), ProtocolProfiles.MazlLandelijk), TaskKind.ZorgwekkendVerzuim);
    }
}
