using System.Text.Json;
using System.Text.Json.Nodes;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Rules;

// Issue 20 item 4: late arrivals climb the ladder. 004 Verzuimschema counts "uren ongeoorloofd verzuim en/of te laat komen"
// and puts "te laat" beside "1 uur inhalen"; the Werkwijzer VO melds at "9 uur ... verzuimd of te laat gekomen".
public class LateArrivalLadderScenarioTests : ScenarioBase
{
    private static readonly SchoolCalendar Midden = SchoolCalendar.ForRegion(HolidayRegion.Midden);
    private static readonly ProtocolProfile Profile = ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo);

    [Fact] // 004 (profile default keerPerUur 1): three late arrivals, Mon 2 - Wed 4 Nov 2026, reach the 3-hour rung on Wed 4 Nov.
    public void ThreeTimesLate_ReachTheThreeHourRung()
    {
        Dossier.Late(D(2026, 11, 2)).Late(D(2026, 11, 3));
        Assert.DoesNotContain(TasksAt(At(D(2026, 11, 3), 10)), t => t.Kind == TaskKind.LadderRung);
        Dossier.Late(D(2026, 11, 4));
        var rung = Single(TasksAt(At(D(2026, 11, 4), 10)).Where(t => !t.Anchor.Contains('/')), TaskKind.LadderRung);
        Assert.Equal(("3 uur", AtHalfNine(D(2026, 11, 4))), (rung.Detail, rung.DueAt));
    }

    [Fact] // 004 "uren en/of te laat komen": 8 hours and one late arrival (Thu 12 Nov) are 9 on the ladder: the DUO melding rung.
    public void HoursAndLateArrivals_AddUpOnOneLadder()
    {
        Dossier.Hours(D(2026, 11, 2), 4).Hours(D(2026, 11, 9), 4).Late(D(2026, 11, 12));
        Assert.Contains(TasksAt(At(D(2026, 11, 12), 10)), t => t.Kind == TaskKind.LadderRung && t.Detail == "9 uur" && t.DueAt == AtHalfNine(D(2026, 11, 12)));
    }

    [Fact] // A profile may count more late arrivals as one hour (keerPerUur 3): six late arrivals are 2 hours, the ninth makes 3.
    public void KeerPerUur3_EveryThirdLateArrivalIsAnHour()
    {
        var engine = EngineWith(node => node["ongeoorloofd"]!["teLaat"] = new JsonObject { ["keerPerUur"] = 3 });
        var day = D(2026, 11, 2);
        for (var i = 0; i < 8; i++, day = Midden.AddSchoolDays(day, 1))
        {
            Dossier.Late(day);
        }

        Assert.DoesNotContain(engine.Evaluate(Dossier.View, At(D(2026, 11, 11), 12)), t => t.Kind == TaskKind.LadderRung);
        Dossier.Late(D(2026, 11, 12)); // the 9th
        Assert.Contains(engine.Evaluate(Dossier.View, At(D(2026, 11, 12), 12)), t => t.Kind == TaskKind.LadderRung && t.Detail == "3 uur");
    }

    [Fact] // A profile may give late arrivals their own rungs instead (in times late); then they leave the hours ladder alone.
    public void OwnLateLadder_ItsOwnRungs_AnchoredInTimesLate()
    {
        var engine = EngineWith(node => node["ongeoorloofd"]!["teLaat"] = JsonNode.Parse("""{ "ladder": [ { "keer": 4, "acties": ["Gesprek met de leerling over te laat komen"] } ] }"""));
        Dossier.Hours(D(2026, 11, 2), 2).Late(D(2026, 11, 3)).Late(D(2026, 11, 4)).Late(D(2026, 11, 5)).Late(D(2026, 11, 6));
        var rungs = engine.Evaluate(Dossier.View, At(D(2026, 11, 6), 12)).Where(t => t.Kind == TaskKind.LadderRung && !t.Anchor.Contains('/')).ToList();
        var rung = Assert.Single(rungs);
        Assert.Equal(("2026-2027-4" + ProtocolEngine.LateRungSuffix, "4 keer te laat", AtHalfNine(D(2026, 11, 6))), (rung.Anchor, rung.Detail, rung.DueAt));
    }

    [Fact] // 002 §1.3.1 with 002 §3 (domain.md §4): late on 16 school days, Mon 2 - Mon 23 Nov 2026, but Wed 4 Nov is then recorded as geoorloofd
           // (dokter, the whole day). That day is no verzuim: it counts neither towards 16 keer te laat within 4 lesweken nor in the totals, as on the ladder.
    public void LateOnADayOfGeoorloofdVerzuim_CountsNeitherForTheLegalLineNorInTheTotals()
    {
        var day = D(2026, 11, 2);
        for (var i = 0; i < 16; i++, day = Midden.AddSchoolDays(day, 1))
        {
            Dossier.Late(day);
        }

        var coordinator = new Actor(new StaffId("vc"), Role.Verzuimcoordinator);
        Dossier.Do(new AuthorisedAbsenceRecorded(Dossier.NextId(), At(D(2026, 11, 4), 11), coordinator, D(2026, 11, 4), D(2026, 11, 4), AuthorisedAbsenceReason.DokterOfHulpverlening, null, null));
        var protocol = new SchoolProtocol("99DE00", Profile, Midden);

        None(TasksAt(At(D(2026, 11, 23), 12)), TaskKind.SignaalverzuimMelding);
        var totals = UnauthorisedTotals.Of(Dossier.View, protocol, D(2026, 11, 23));
        Assert.Equal((15, 15), (totals.LateInYear, totals.LateInWindow));
        Assert.Equal(15, AwaySpells.LadderUnitsPerDay(Dossier.View, Midden, Profile.Unauthorised, SchoolYear.Of(D(2026, 11, 23)).First, D(2026, 11, 23)).Sum(u => u.Hours));

        Dossier.Late(D(2026, 11, 24)); // the 16th that counts
        var melding = Single(TasksAt(At(D(2026, 11, 24), 12)), TaskKind.SignaalverzuimMelding);
        Assert.Equal(AtHalfNine(D(2026, 11, 24)), melding.DueAt);
        Assert.StartsWith("16 keer te laat binnen 4 lesweken", melding.Detail, StringComparison.Ordinal);
    }

    [Theory] // The parser validates the setting and names the field in Dutch.
    [InlineData("""{ }""", "ongeoorloofd.teLaat.keerPerUur", "ontbreekt")]
    [InlineData("""{ "keerPerUur": 0 }""", "ongeoorloofd.teLaat.keerPerUur", "moet minstens 1 zijn")]
    [InlineData("""{ "keerPerUur": 2, "ladder": [ { "keer": 3, "acties": ["x"] } ] }""", "ongeoorloofd.teLaat.ladder", "kan niet samen met keerPerUur")]
    [InlineData("""{ "ladder": [ { "keer": 5, "acties": ["x"] }, { "keer": 3, "acties": ["y"] } ] }""", "ongeoorloofd.teLaat.ladder[1].keer", "moet hoger zijn")]
    public void Parse_LateArrivalSetting_IsValidated(string teLaat, string field, string problem)
    {
        var error = Assert.Throws<ProfileValidationException>(() => ProtocolProfileParser.Parse(MutatedProfileJson(node => node["ongeoorloofd"]!["teLaat"] = JsonNode.Parse(teLaat))));
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory] // Every shipped profile says how late arrivals count; 004's reading (one late arrival, one hour) is the default.
    [InlineData(ProtocolProfiles.UtrechtWestVo)]
    [InlineData(ProtocolProfiles.PoVoVerzuimschema)]
    [InlineData(ProtocolProfiles.VeluweZeeluwe)]
    [InlineData(ProtocolProfiles.MazlLandelijk)]
    public void ShippedProfiles_CountALateArrivalAsAnHour(string id) =>
        Assert.Equal(1, ProtocolProfiles.Load(id).Unauthorised.LateArrivals.PerHour);

    private static ProtocolEngine EngineWith(Action<JsonObject> change) =>
        new(ProtocolProfileParser.Parse(MutatedProfileJson(change)), Midden);
}
