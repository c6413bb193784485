using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using static VerzuimBot.Tests.ThuiszitterRoute.ThuiszitterHarness;

namespace VerzuimBot.Tests.ThuiszitterRoute;

/// <summary>
/// domain.md §6: a decided card is never decided twice, also when two presses arrive at the same moment (a double
/// click, or two colleagues). The check "is the task still open" and the append are one step on the dossier's version.
/// </summary>
public sealed class SimultaneousPressTests
{
    [Fact] // Two answers that both read the dossier before either was stored: the second finds the task gone and stores nothing.
    public async Task TwoAnswersReadBeforeEitherIsStored_OnlyTheFirstIsStored()
    {
        await using var route = await DaanSickFromAsync(new DateOnly(2026, 11, 2));
        await route.SetClockAsync(At(2026, 11, 30, 10, 0));
        var dossiers = route.App.Services.GetRequiredService<DossierService>();
        var protocol = route.App.Services.GetRequiredService<SchoolProtocols>().For("99DE00");
        var now = At(2026, 11, 30, 10, 0);
        bool JudgementStillAsked(DossierView view) => protocol.Engine.Evaluate(view, now).Any(t => t.Kind == TaskKind.LeerplichtJudgement);
        var daan = route.StudentIdOf("123456");

        var read = await dossiers.ReadAsync("99DE00", daan);
        Assert.True(JudgementStillAsked(read)); // both presses saw the question open
        var lotte = new Actor(new StaffId(Lotte.Upn), Role.Leerplichtambtenaar);
        await dossiers.RecordAsync("99DE00", daan, new LeerplichtJudgementRecorded(new EventId("press-1"), now, lotte, true, null, "RBL-DEMO"), JudgementStillAsked);
        await Assert.ThrowsAsync<FactNoLongerAppliesException>(() =>
            dossiers.RecordAsync("99DE00", daan, new LeerplichtJudgementRecorded(new EventId("press-2"), now, lotte, false, "dubbel", "RBL-DEMO"), JudgementStillAsked));

        var judgement = Assert.Single((await dossiers.ReadAsync("99DE00", daan)).Of<LeerplichtJudgementRecorded>());
        Assert.Equal(("press-1", true), (judgement.Id.Value, judgement.IsThuiszitter));
    }

    [Fact] // A double click on "Ja, thuiszitter" and "Nee" at once: one judgement is stored, the other press is told so.
    public async Task DoubleClick_OneJudgementIsStored()
    {
        await using var route = await DaanSickFromAsync(new DateOnly(2026, 11, 2));
        await route.SetClockAsync(At(2026, 11, 30));
        var card = await route.WaitForCardAsync(Lotte, "Thuiszitter volgens de definitie?");
        await route.SetClockAsync(At(2026, 11, 30, 10, 0));

        var presses = await Task.WhenAll(
            route.PressAsync(Lotte, card, "thuiszitter.oordeel", title: "Ja, thuiszitter"),
            route.PressAsync(Lotte, card, "thuiszitter.oordeel", new() { ["reden"] = "Toch niet" }, title: "Nee"));

        Assert.Single((await route.DaanAsync()).Of<LeerplichtJudgementRecorded>());
        Assert.Single(presses, p => p.ReplacedCard && !p.Shown().Contains("Al afgehandeld", StringComparison.Ordinal));
    }
}
