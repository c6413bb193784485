using System.Text.Json;
using System.Text.Json.Nodes;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Domain.Tests.Profiles;

// domain.md §9: the regional numbers live in profiles; an invalid profile names the field in Dutch.
public class ProtocolProfileTests
{
    [Theory]
    [InlineData(ProtocolProfiles.UtrechtWestVo)]
    [InlineData(ProtocolProfiles.PoVoVerzuimschema)]
    [InlineData(ProtocolProfiles.VeluweZeeluwe)]
    [InlineData(ProtocolProfiles.MazlLandelijk)]
    public void Load_EveryShippedProfile_IsValid(string id)
    {
        var profile = ProtocolProfiles.Load(id);
        Assert.Equal(id, profile.Id);
        Assert.Equal(new TimeOnly(8, 30), profile.ReminderTime);
        Assert.Equal(16, profile.Unauthorised.SignalHours);
        Assert.Equal(10, profile.Thuiszitter.DoorzettingsmachtWorkingDays);
    }

    [Fact]
    public void UtrechtWest_HasTheNumbersOfSeed002()
    {
        var p = ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo);
        Assert.Equal(3, p.Sick.MentorReminderOnSchoolDay);
        Assert.Equal(5, p.Sick.WorryingConsecutiveMoreThan);
        Assert.Equal(5, p.Sick.WorryingIncidentalDays);
        Assert.Equal(20, p.Sick.WorryingIncidentalWindowSchoolDays);
        Assert.Equal(10, p.Sick.ConsultWithinSchoolDays);
        Assert.Equal(5, p.Sick.TerugkoppelingWithinSchoolDays);
        Assert.Equal(20, p.Sick.EvaluationEverySchoolDays);
        Assert.Equal([3, 6, 9, 12, 16], p.Unauthorised.Ladder.Select(r => r.Hours));
    }

    [Fact]
    public void PoProfile_ReportsDirectlyToLeerplicht_WithoutVoLadder()
    {
        var p = ProtocolProfiles.Load(ProtocolProfiles.PoVoVerzuimschema);
        Assert.Equal(SchoolType.PO, p.SchoolType);
        Assert.True(p.Unauthorised.ReportDirectlyToLeerplicht);
        // 004 PO column: no VO rungs at 3/6/9/12 ("besproken met ouders en leerling"); at ≥16 straight to leerplicht.
        Assert.Equal([16], p.Unauthorised.Ladder.Select(r => r.Hours));
    }

    [Fact] // domain.md §3: the national MAZL criteria, without RUW's "5 dagen in een maand" (issue 20: the parser lets a profile switch it off).
    public void Mazl_UsesTheNationalCriteria_WithoutTheRuwMonthRule()
    {
        var p = ProtocolProfiles.Load(ProtocolProfiles.MazlLandelijk);
        Assert.Equal(6, p.Sick.WorryingConsecutiveMoreThan);
        Assert.Equal(4, p.Sick.WorryingZiekmeldingCount);
        Assert.Equal(60, p.Sick.WorryingZiekmeldingWindowSchoolDays);
        Assert.Equal(((int?)null, (int?)null), (p.Sick.WorryingIncidentalDays, p.Sick.WorryingIncidentalWindowSchoolDays));
    }

    [Fact] // issue 20: the "5 dagen in 20" rule is switched off with both fields null; one without the other is named.
    public void Parse_IncidentalRule_OffWithBothNull_HalfIsAnError()
    {
        var node = Original();
        node["ziekteverzuim"]!["zorgwekkendIncidenteelDagen"] = null;
        var error = Assert.Throws<ProfileValidationException>(() => ProtocolProfileParser.Parse(node.ToJsonString()));
        Assert.Equal("ziekteverzuim.zorgwekkendIncidenteelVensterSchooldagen", error.Field);
        node["ziekteverzuim"]!["zorgwekkendIncidenteelVensterSchooldagen"] = null;
        Assert.Null(ProtocolProfileParser.Parse(node.ToJsonString()).Sick.WorryingIncidentalDays);
    }

    [Theory] // issue 20: a profile without a seed basis says so in its description; 000 gives no numbers of its own.
    [InlineData(ProtocolProfiles.MazlLandelijk, "Geen seedbasis")]
    [InlineData(ProtocolProfiles.VeluweZeeluwe, "geen eigen seedbasis")]
    public void ProfilesWithoutSeedBasis_SaySo(string id, string words) =>
        Assert.Contains(words, ProtocolProfiles.Load(id).Source, StringComparison.Ordinal);

    [Fact] // 002 §1.3.1 "Vakantie", §7, §1.2: the new numbers of the shipped profiles.
    public void UtrechtWest_VerlofVrijstellingAndAfterLeerplicht()
    {
        var p = ProtocolProfiles.Load(ProtocolProfiles.UtrechtWestVo);
        Assert.Equal(new VerlofRules(6, 10, 10), p.Verlof);
        Assert.Equal((12, 20), (p.Thuiszitter.VrijstellingTermMonths, p.Thuiszitter.VrijstellingRenewalReminderSchoolDays));
        Assert.Equal(AfterLeerplichtRoute.Rmc, p.Leerplicht.AfterLeerplicht);
        Assert.Equal((5, 5), (p.Unauthorised.FiveYearOldHoursPerWeek, p.Unauthorised.FiveYearOldExtraHoursPerWeek));
        Assert.Equal(4, p.Unauthorised.SignalWindowLesweken);
    }

    [Fact] // issue 20: the old 20-school-day window is refused with the reason, so a beheerder's file is not read wrongly.
    public void Parse_OldSchoolDayWindow_IsRefusedWithTheReason()
    {
        var node = Original();
        node["ongeoorloofd"]!["signaalVensterSchooldagen"] = 20;
        var error = Assert.Throws<ProfileValidationException>(() => ProtocolProfileParser.Parse(node.ToJsonString()));
        Assert.Contains("lesweken", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("remove", "ziekteverzuim.consultBinnenSchooldagen", null, "ontbreekt")]
    [InlineData("set", "ziekteverzuim.consultBinnenSchooldagen", -2, "mag niet negatief zijn")]
    [InlineData("set", "ziekteverzuim.consultBinnenSchooldagen", 0, "moet minstens 1 zijn")]
    [InlineData("set", "ziekteverzuim.mentorAntwoordBinnenSchooldagen", 2, "kan niet gehaald worden")]
    [InlineData("set", "ongeoorloofd.waarschuwingVanafUren", 16, "moet lager zijn dan signaalUren")]
    [InlineData("set", "thuiszitter.roodNaSchooldagen", 10, "moet later vallen")]
    [InlineData("remove", "ongeoorloofd.lesurenPerSchooldag", null, "ontbreekt")]
    [InlineData("set", "ongeoorloofd.lesurenPerSchooldag", 11, "mag niet meer dan 10 zijn")]
    public void Parse_InvalidField_NamesTheFieldInDutch(string op, string path, int? value, string problem)
    {
        var json = Mutate(op, path, value);
        var error = Assert.Throws<ProfileValidationException>(() => ProtocolProfileParser.Parse(json));
        Assert.Equal(path, error.Field);
        Assert.Contains(problem, error.Message);
        Assert.StartsWith("Profiel 'utrecht-west-vo' is ongeldig", error.Message);
    }

    [Fact] // issue 20: the holiday region belongs to the school, so no profile may fix one (veluwe-zeeluwe said noord; NW Veluwe and Zeeluwe are midden).
    public void Parse_HolidayRegionInAProfile_IsRefused_ItBelongsToTheSchool()
    {
        var node = Original();
        node["vakantieregio"] = "noord";
        var error = Assert.Throws<ProfileValidationException>(() => ProtocolProfileParser.Parse(node.ToJsonString()));
        Assert.Equal("vakantieregio", error.Field);
        Assert.Contains("Schools:Items:<BRIN>:HolidayRegion", error.Message);
    }

    [Fact]
    public void Parse_LadderOutOfOrder_NamesTheRung()
    {
        var node = Original();
        node["ongeoorloofd"]!["ladder"]![2]!["uren"] = 5;
        var error = Assert.Throws<ProfileValidationException>(() => ProtocolProfileParser.Parse(node.ToJsonString()));
        Assert.Equal("ongeoorloofd.ladder[2].uren", error.Field);
    }

    [Fact]
    public void Parse_NotJson_IsAClearError() =>
        Assert.Contains("geen geldige JSON", Assert.Throws<ProfileValidationException>(() => ProtocolProfileParser.Parse("{ kapot")).Message);

    private static JsonObject Original()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "profiles", "utrecht-west-vo.json");
        // The shipped profiles carry // comments on their seed basis; the parser skips them.
        return JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
    }

    private static string Mutate(string op, string path, int? value)
    {
        var node = Original();
        var parts = path.Split('.');
        var parent = node[parts[0]]!.AsObject();
        if (op == "remove")
        {
            parent.Remove(parts[1]);
        }
        else
        {
            parent[parts[1]] = value;
        }

        return node.ToJsonString();
    }
}
