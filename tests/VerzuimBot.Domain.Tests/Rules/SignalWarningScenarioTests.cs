using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Rules;

// domain.md §4: the school is warned before the legal line ("12 van 16 uur, nog 3 schooldagen in dit venster") so it can still act;
// 002 §3 and 004 Werkwijzer punt 1 for where the melding goes.
public class SignalWarningScenarioTests : ScenarioBase
{
    private static readonly SchoolCalendar Midden = SchoolCalendar.ForRegion(HolidayRegion.Midden);

    [Fact] // 4 uur on Mon 7, 14 and 21 Sep 2026: warned on 21 Sep. The window empties; 4 uur on Mon 2, 9 and 16 Nov: warned again on 16 Nov, before the line on 23 Nov.
    public void EveryApproachToTheLine_IsWarned_NotOnlyTheFirst()
    {
        Dossier.Hours(D(2026, 9, 7), 4).Hours(D(2026, 9, 14), 4).Hours(D(2026, 9, 21), 4);
        Assert.Equal([D(2026, 9, 21)], Warnings(TasksAt(At(D(2026, 9, 21), 11))));

        Dossier.Hours(D(2026, 11, 2), 4).Hours(D(2026, 11, 9), 4).Hours(D(2026, 11, 16), 4);
        var november = TasksAt(At(D(2026, 11, 16), 11));
        Assert.Equal([D(2026, 9, 21), D(2026, 11, 16)], Warnings(november));
        // The window of 16 Nov runs from the first hour in it (2 Nov) to the end of its 4th lesweek (Fri 27 Nov): 9 school days left.
        Assert.Contains(november, t => t.Kind == TaskKind.SignaalverzuimWarning && t.Detail == "12 van 16 uur, nog 9 schooldagen in dit venster" && t.DueAt == AtHalfNine(D(2026, 11, 16)));
        None(november, TaskKind.SignaalverzuimMelding);

        Dossier.Hours(D(2026, 11, 23), 4);
        Single(TasksAt(At(D(2026, 11, 23), 11)), TaskKind.SignaalverzuimMelding);
    }

    [Fact] // A window long past is not warned afterwards: the second approach (2-16 Nov) is recorded only on 14 Dec, after its window ended on 27 Nov.
    public void AnApproachWhoseWindowHasEnded_IsNotWarnedAfterwards()
    {
        Dossier.Hours(D(2026, 9, 7), 4).Hours(D(2026, 9, 14), 4).Hours(D(2026, 9, 21), 4);
        Dossier.Hours(D(2026, 11, 2), 4).Hours(D(2026, 11, 9), 4).Hours(D(2026, 11, 16), 4);
        Assert.Equal([D(2026, 9, 21)], Warnings(TasksAt(At(D(2026, 12, 14), 11))));
    }

    [Fact] // 004 Werkwijzer punt 1: "VSO-scholen ... melden rechtstreeks bij de leerplichtambtenaar", also when the profile does not say so.
    public void Vso_SignaalverzuimMelding_GoesStraightToLeerplicht()
    {
        var vso = MutatedProfileJson(node =>
        {
            node["schooltype"] = "VSO";
            node["ongeoorloofd"]!["directNaarLeerplicht"] = false;
        });
        var engine = new ProtocolEngine(ProtocolProfileParser.Parse(vso), Midden);

        Dossier.Hours(D(2026, 11, 2), 4).Hours(D(2026, 11, 9), 4).Hours(D(2026, 11, 16), 4).Hours(D(2026, 11, 23), 4);
        var melding = Single(engine.Evaluate(Dossier.View, At(D(2026, 11, 23), 11)), TaskKind.SignaalverzuimMelding);
        Assert.EndsWith("melden rechtstreeks bij leerplicht", melding.Detail, StringComparison.Ordinal);
    }

    private static List<DateOnly> Warnings(IEnumerable<DueTask> tasks) =>
        tasks.Where(t => t.Kind == TaskKind.SignaalverzuimWarning).Select(t => SchoolClock.LocalDate(t.DueAt)).Order().ToList();
}
