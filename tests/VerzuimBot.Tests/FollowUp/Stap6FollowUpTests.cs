using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Protocol;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Tasks;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.ThuiszitterRoute.ThuiszitterHarness;

namespace VerzuimBot.Tests.FollowUp;

/// <summary>
/// Issue 20 item 8 through the host: 002 §4 ("Als na 4 weken blijkt dat het plan van aanpak niet ... wordt opgevolgd ...
/// vervolgacties") and 002 Bijlage 1 stap 6 ("niet verschijnen op de afspraak van de jeugdarts ... aanspreken ... leerplicht ...
/// opnieuw onderzoek ... wijkteam"): the choice becomes a task with an owner and a date, answered on a card, reminded to the owner.
/// </summary>
public sealed class Stap6FollowUpTests
{

    [Fact] // Daan sick from Mon 2 Nov 2026, plan van aanpak Mon 16 Nov; evaluation 20 school days later, Mon 14 Dec, "niet opgevolgd": leerplicht, by the zorgcoördinator, by Fri 8 Jan 2027.
    public async Task PlanNotFollowed_FollowUpCard_OwnerAndDate_ThenTheOwnersReminder()
    {
        await using var route = await DaanSickFromAsync(new DateOnly(2026, 11, 2));
        var zorg = new Actor(new StaffId(Zora.Upn), Role.Zorgcoordinator);
        await route.App.Services.GetRequiredService<DossierService>().RecordAsync("99DE00", route.StudentIdOf("123456"), new PlanVanAanpakAgreed(new EventId("plan-1"), At(2026, 11, 16, 14, 0), zorg, new DateOnly(2026, 11, 16), new StaffId(Zora.Upn)));

        await route.SetClockAsync(At(2026, 12, 14, 8, 30));
        var evaluation = await route.WaitForCardAsync(Zora, "Evaluatie plan van aanpak: Daan de Vries (2b)");
        await route.PressAsync(Zora, evaluation, "evaluatie.opslaan", new() { ["opgevolgd"] = "nee", ["vervolg"] = "leerplicht" });
        await route.SetClockAsync(At(2026, 12, 14, 8, 40)); // the next sweep sends what the answer scheduled

        var card = await route.WaitForCardAsync(Zora, "Vervolg kiezen: Daan de Vries (2b)");
        Assert.Contains("Het plan van aanpak wordt niet opgevolgd (evaluatie van maandag 14 december 2026)", Visible(card), StringComparison.Ordinal);
        Assert.Contains("\"value\":\"leerplicht\"", card.GetRawText(), StringComparison.Ordinal); // the evaluation's choice preselected

        // The mentor may not fix the school's follow-up; a date in the past is refused with the card shown again.
        Assert.Contains("Dit mag alleen een zorgcoördinator", (await route.PressAsync(Max, card, "vervolg.opslaan", new() { ["vervolg"] = "aanspreken", ["eigenaar"] = "mentor", ["datum"] = "2027-01-08" })).Shown(), StringComparison.Ordinal);
        Assert.Contains("Kies een datum vanaf vandaag", (await route.PressAsync(Zora, card, "vervolg.opslaan", new() { ["vervolg"] = "leerplicht", ["eigenaar"] = "zorgcoordinator", ["datum"] = "2026-12-01" })).Shown(), StringComparison.Ordinal);
        var fixedUp = await route.PressAsync(Zora, card, "vervolg.opslaan", new() { ["vervolg"] = "leerplicht", ["eigenaar"] = "zorgcoordinator", ["datum"] = "2027-01-08" });
        Assert.Contains("Vervolg vastgelegd", fixedUp.Shown(), StringComparison.Ordinal);
        Assert.Contains("Melden bij leerplicht (handhaven)", fixedUp.Shown(), StringComparison.Ordinal);

        await route.SetClockAsync(At(2027, 1, 8, 8, 30));
        var reminder = await route.WaitForCardAsync(Zora, "Actie uit het overleg: Daan de Vries (2b)");
        Assert.Contains("Melden bij leerplicht (handhaven)", Visible(reminder), StringComparison.Ordinal);
        Assert.Contains("Actie afgerond", (await route.PressAsync(Zora, reminder, "overleg.afgerond")).Shown(), StringComparison.Ordinal);
        var agreed = Assert.Single((await route.DaanAsync()).Of<OverlegActionAgreed>());
        Assert.Equal((Role.Zorgcoordinator, new DateOnly(2027, 1, 8)), (agreed.Owner, agreed.Due));
    }

    [Fact] // Formulier terugkoppeling "niet verschenen zonder afmelding" (Fri 27 Nov 2026): the zorgcoördinator gets the follow-up card at once.
    public async Task NietVerschenen_FollowUpCard()
    {
        await using var route = await DaanSickFromAsync(new DateOnly(2026, 11, 2));
        await route.SetClockAsync(At(2026, 11, 27, 16, 0));
        var jeugdarts = new Actor(new StaffId(Jasper.Upn), Role.Jeugdarts);
        await route.App.Services.GetRequiredService<DossierService>().RecordAsync("99DE00", route.StudentIdOf("123456"), new TerugkoppelingReceived(new EventId("tk-1"), At(2026, 11, 27, 16, 0), jeugdarts,
            InvitationResult.NietVerschenenZonderAfmelding, null, ConsultConclusion.NogGeenConclusie, false, null, null, [], FollowUpAdvice.Other, null));
        await route.SetClockAsync(At(2026, 11, 27, 16, 5)); // the next sweep
        var card = await route.WaitForCardAsync(Zora, "Vervolg kiezen: Daan de Vries (2b)");
        Assert.Contains("verschenen niet bij de jeugdarts", Visible(card), StringComparison.Ordinal);
    }
}
