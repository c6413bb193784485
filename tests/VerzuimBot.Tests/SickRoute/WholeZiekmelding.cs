using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.SickRoute;

/// <summary>
/// A whole ziekmelding of Daan de Vries (123456) that puts every kind of children's data through the host: his name,
/// leerlingnummer, a mentor's note, a medical hulpvraag, a stranger's refused attempt. The privacy tests walk it and then
/// look for <see cref="Secrets"/> in what the host wrote.
/// </summary>
internal static class WholeZiekmelding
{
    /// <summary>Name, leerlingnummer, birth date, the notes typed on the way, and Daan's (pseudonymous) student id.</summary>
    public static IReadOnlyList<string> Secrets { get; } =
    [
        "Daan", "Vries", "123456", "14-03-2013", "2013-03-14", "Migraine", "angst", "Moeder", "bezorgd",
        // The host in these tests runs in Development, on the public development key.
        new VerzuimBot.Access.Roster.StudentIds(VerzuimBot.Access.Pseudonyms.PseudonymKey.Resolve(null, isDevelopment: true, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)).For(new VerzuimBot.Domain.Identity.SchoolId("99DE00"), "123456").Value,
    ];

    public static async Task WalkAsync(RouteHarness route)
    {
        await route.SetClockAsync(new DateTimeOffset(2026, 10, 9, 8, 0, 0, TimeSpan.FromHours(2)));
        await route.EveryoneSaysHelloAsync(Rita, Max, Zora, Jasper, Stranger);
        foreach (var text in new[] { "ziek Daan de Vries", "weet ik niet", "ja", "ja" })
        {
            await route.SayAsync(Rita, text);
        }

        await route.SayAsync(Stranger, "ziek Daan");
        await route.SetClockAsync(new DateTimeOffset(2026, 10, 13, 8, 30, 0, TimeSpan.FromHours(2)));
        var reminder = await route.WaitForCardAsync(Max, "Neem contact op");
        await route.PressAsync(Max, reminder, "mentorcontact.opslaan", title: "Opslaan", inputs: new()
        {
            ["contactDatum"] = "2026-10-13", ["kanaal"] = "telefoon", ["notitie"] = "Moeder klinkt bezorgd", ["verwachteTerugkeer"] = "weet ik niet", ["zorgen"] = "ja",
        });
        var zorgwekkend = await route.WaitForCardAsync(Zora, "Zorgwekkend ziekteverzuim");
        await route.PressAsync(Jasper, zorgwekkend, "gesprek.opslaan", new() { ["gesprekDatum"] = "2026-10-13", ["uitkomst"] = "advies-jeugdarts" });
        await route.PressAsync(Zora, zorgwekkend, "gesprek.opslaan", new() { ["gesprekDatum"] = "2026-10-13", ["uitkomst"] = "advies-jeugdarts" });
        var form = await route.WaitForCardAsync(Zora, "Aanmelding maken");
        await route.PressAsync(Zora, form, "aanmelding.maken", new() { ["hulpvraag"] = "Migraine en angst", ["alGedaan"] = "Gesprek", ["besprokenOp"] = "2026-10-13" });
        var consult = await route.WaitForCardAsync(Jasper, "Consultdatum opslaan");
        var terugkoppeling = await route.PressAsync(Jasper, consult, "consult.opslaan", new() { ["consultDatum"] = "2026-10-27" });
        await route.PressAsync(Jasper, terugkoppeling.Value, "terugkoppeling.opslaan", new() { ["resultaat"] = "ouder-en-leerling", ["conclusie"] = "deels", ["advies"] = "jeugdarts", ["toestemming"] = "ja", ["informatie"] = "Migraine" });
    }
}
