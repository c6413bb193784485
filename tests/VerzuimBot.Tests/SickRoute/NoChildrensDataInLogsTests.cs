using VerzuimBot.Tests.Infrastructure;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.SickRoute;

// issue 7 item 7 / domain.md §8: children's names, leerlingnummers and medical details never appear in logs.
public sealed class NoChildrensDataInLogsTests
{
    [Fact]
    public async Task TheWholeRoute_RefusalsIncluded_LogsNoNameNumberOrMedicalDetail()
    {
        var logs = new CapturingLoggerProvider();
        await using var route = new RouteHarness(services: logs.AddTo);
        await route.SetClockAsync(new DateTimeOffset(2026, 10, 9, 8, 0, 0, TimeSpan.FromHours(2)));
        await route.EveryoneSaysHelloAsync(Rita, Max, Zora, Jasper, Stranger);
        foreach (var text in new[] { "ziek Daan de Vries", "weet ik niet", "ja", "ja" })
        {
            await route.SayAsync(Rita, text);
        }

        await route.SayAsync(Stranger, "ziek Daan");
        await route.SetClockAsync(new DateTimeOffset(2026, 10, 16, 8, 30, 0, TimeSpan.FromHours(2)));
        var zorgwekkend = await route.WaitForCardAsync(Zora, "Zorgwekkend ziekteverzuim");
        await route.PressAsync(Jasper, zorgwekkend, "gesprek.opslaan", new() { ["gesprekDatum"] = "2026-10-16", ["uitkomst"] = "advies-jeugdarts" });
        await route.PressAsync(Zora, zorgwekkend, "gesprek.opslaan", new() { ["gesprekDatum"] = "2026-10-16", ["uitkomst"] = "advies-jeugdarts" });
        var form = await route.WaitForCardAsync(Zora, "Aanmelding maken");
        await route.PressAsync(Zora, form, "aanmelding.maken", new() { ["hulpvraag"] = "Migraine en angst", ["alGedaan"] = "Gesprek", ["besprokenOp"] = "2026-10-16" });
        var consult = await route.WaitForCardAsync(Jasper, "Consultdatum opslaan");
        var terugkoppeling = await route.PressAsync(Jasper, consult, "consult.opslaan", new() { ["consultDatum"] = "2026-10-27" });
        await route.PressAsync(Jasper, terugkoppeling.Value, "terugkoppeling.opslaan", new() { ["resultaat"] = "ouder-en-leerling", ["conclusie"] = "deels", ["advies"] = "jeugdarts", ["toestemming"] = "ja", ["informatie"] = "Migraine" });

        Assert.NotEmpty(logs.Lines);
        foreach (var secret in new[] { "Daan", "Vries", "123456", "Migraine", "angst", "14-03-2013", "2013-03-14" })
        {
            Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }
}
