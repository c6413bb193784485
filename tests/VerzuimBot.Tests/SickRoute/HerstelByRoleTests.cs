using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.SickAbsence;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.SickRoute;

// issue 19 item 3: "herstel" lists and takes back only what the presser's role records (RetractionPolicy): receptie
// records ziekmeldingen, not the zorgcoördinator's gesprek with the parents; and a kernpartner's decision (leerplicht's
// oordeel, an overleg decision) stands as recorded, for everyone. Hostile: a herstel card pressed with the id of an event
// the card never offered answers like an event that is not there, and the dossier keeps it.
public sealed class HerstelByRoleTests
{
    [Fact]
    public async Task Receptie_CannotSeeOrRetractTheGesprek_AndNobodyCanRetractALeerplichtDecision()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(new DateTimeOffset(2026, 10, 9, 8, 0, 0, TimeSpan.FromHours(2)));
        await route.EveryoneSaysHelloAsync(Rita, Max, Zora, Vera);
        foreach (var text in new[] { "ziek 123456", "weet ik niet", "ja", "ja" })
        {
            await route.SayAsync(Rita, text);
        }

        // Stap 3 on Friday 16 October: the zorgcoördinator records the gesprek with the parents.
        await route.SetClockAsync(new DateTimeOffset(2026, 10, 16, 8, 30, 0, TimeSpan.FromHours(2)));
        var zorgwekkend = await route.WaitForCardAsync(Zora, "Zorgwekkend ziekteverzuim");
        await route.PressAsync(Zora, zorgwekkend, "gesprek.opslaan", new() { ["gesprekDatum"] = "2026-10-16", ["uitkomst"] = "monitoring" });

        // Leerplicht's oordeel and an overleg decision, as their cards record them.
        var dossiers = route.App.Services.GetRequiredService<DossierService>();
        var now = new DateTimeOffset(2026, 10, 16, 9, 0, 0, TimeSpan.FromHours(2));
        var oordeel = new LeerplichtJudgementRecorded(new EventId("ev-oordeel"), now, new Actor(new StaffId("lotte@rbl.example.nl"), Role.Leerplichtambtenaar), false, "Langdurig ziek", "RBL-DEMO");
        var overleg = new KernpartnerDecisionRecorded(new EventId("ev-overleg-besluit"), now, new Actor(new StaffId(Zora.Upn), Role.Zorgcoordinator), "99DE00", "Kernpartneroverleg gewenst?", "nee", "Loopt al");
        await dossiers.RecordAsync("99DE00", route.StudentIdOf("123456"), oordeel);
        await dossiers.RecordAsync("99DE00", route.StudentIdOf("123456"), overleg);
        var gesprek = (await route.DaanAsync()).Of<GesprekRecorded>().Single();

        var rita = await HerstelCardAsync(route, Rita);
        Assert.Contains("Ziekmelding vanaf 09-10-2026", Plain(rita), StringComparison.Ordinal);
        Assert.DoesNotContain("Gesprek met ouders", Plain(rita), StringComparison.Ordinal);
        Assert.Equal(SickAbsenceService.NotRetractable, (await route.PressAsync(Rita, rita, "herstel.opslaan", new() { ["gebeurtenis"] = gesprek.Id.Value, ["reden"] = "Klopt niet" })).Text);

        var zora = await HerstelCardAsync(route, Zora);
        Assert.Contains("Gesprek met ouders op 16-10-2026", Plain(zora), StringComparison.Ordinal);

        foreach (var user in new[] { Rita, Max, Zora, Vera })
        {
            var card = await HerstelCardAsync(route, user);
            Assert.DoesNotContain(Offered(card), id => id is "ev-oordeel" or "ev-overleg-besluit");
            foreach (var decision in new[] { oordeel.Id.Value, overleg.Id.Value })
            {
                var pressed = await route.PressAsync(user, card, "herstel.opslaan", new() { ["gebeurtenis"] = decision, ["reden"] = "Klopt niet" });
                Assert.Equal(SickAbsenceService.NotRetractable, pressed.Text);
            }
        }

        var after = await route.DaanAsync();
        Assert.Single(after.Of<GesprekRecorded>());
        Assert.Single(after.Of<LeerplichtJudgementRecorded>());
        Assert.Single(after.Of<KernpartnerDecisionRecorded>());
    }

    private static async Task<JsonElement> HerstelCardAsync(RouteHarness route, TeamsUser user)
    {
        await route.SayAsync(user, "herstel 123456");
        return route.CardsOf(user).Last(c => c.GetRawText().Contains("herstel.opslaan", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Offered(JsonElement card) =>
        card.GetProperty("body").EnumerateArray().First(e => e.TryGetProperty("id", out var id) && id.GetString() == "gebeurtenis")
            .GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()!);
}
