using System.Text.Json;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.ThuiszitterRoute;

/// <summary>
/// The sick route's <see cref="RouteHarness"/> (the host with the demo school 99DE00, profile utrecht-west-vo, holiday
/// region midden) plus the kernpartners of the demo in other organisations: Lotte (leerplichtambtenaar of RBL-DEMO for
/// Utrecht and Zeist) and Sanne (SWV-DEMO for 99DE00). Daan de Vries (123456, 2b) lives in Utrecht.
/// </summary>
internal static partial class ThuiszitterHarness
{
    public static readonly TeamsUser Lotte = new("Lotte Leerplicht", "29:lotte", "aad-lotte", "lotte@rbl.example.nl");
    public static readonly TeamsUser Sanne = new("Sanne SWV", "29:sanne", "aad-sanne", "sanne@swv.example.nl");

    public const string SchoolItemSwv = "Leerling gemeld bij het samenwerkingsverband als thuiszitter";
    public const string SchoolItemZorgstructuur = "Besproken in de interne zorgstructuur";
    public const string SchoolItemPlan = "Plan van aanpak met regie-/contactpersoon vastgesteld";
    public const string LeerplichtItemOnderzoek = "Onderzoek naar de situatie";

    /// <summary>A moment in Europe/Amsterdam (winter or summer time as it falls).</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour = 8, int minute = 30) =>
        SchoolClock.At(new DateOnly(year, month, day), new TimeOnly(hour, minute));

    /// <summary>Everyone has a chat with the bot; Daan de Vries is reported sick from <paramref name="firstDay"/> (recorded that morning at 08:00).</summary>
    public static async Task<RouteHarness> DaanSickFromAsync(DateOnly firstDay)
    {
        var route = new RouteHarness();
        route.AddMember(Lotte);
        route.AddMember(Sanne);

        await route.SetClockAsync(SchoolClock.At(firstDay, new TimeOnly(8, 0)));
        await route.EveryoneSaysHelloAsync(Rita, Max, Zora, Vera, Jasper, Lotte, Sanne);
        await route.SayAsync(Rita, "ziek 123456");
        await route.SayAsync(Rita, "weet ik niet");
        await route.SayAsync(Rita, "nee");
        Assert.Contains(await route.SayAsync(Rita, "ja"), t => t.StartsWith("Ziekmelding opgeslagen", StringComparison.Ordinal));
        return route;
    }

    /// <summary>Four weeks after a Monday 2 Nov 2026 ziekmelding (Mon 30 Nov, 004 Werkwijzer): leerplicht judges ja; the school reports the case to the SWV.</summary>
    public static async Task<(RouteHarness Route, JsonElement SchoolCase)> OpenCaseAsync(bool reportToSwv = true)
    {
        var route = await DaanSickFromAsync(new DateOnly(2026, 11, 2));
        await route.SetClockAsync(At(2026, 11, 30));
        var judgement = await route.WaitForCardAsync(Lotte, "Thuiszitter volgens de definitie?");
        Assert.True((await route.PressAsync(Lotte, judgement, "thuiszitter.oordeel", title: "Ja, thuiszitter")).ReplacedCard);
        var schoolCase = await route.WaitForCardAsync(Zora, "Leerplicht oordeelt: thuiszitter volgens de definitie");
        if (reportToSwv)
        {
            var ticked = await route.PressAsync(Zora, schoolCase, "thuiszitter.afvinken", new() { ["item"] = SchoolItemSwv });
            Assert.Contains("Afgevinkt: " + SchoolItemSwv, ticked.Text, StringComparison.Ordinal);
        }

        return (route, schoolCase);
    }

    /// <summary>
    /// What a person reads on a card: every string in it, JSON-decoded (the connector escapes non-ASCII such as "·" and
    /// "ö"), with the markdown escapes of user text (TeamsText.Escape) undone.
    /// </summary>
    public static string Visible(JsonElement card)
    {
        var texts = new List<string>();
        Collect(card, texts);
        return MarkdownEscape().Replace(string.Join('\n', texts), "$1");
    }

    /// <summary>The Dutch sentence, or what the replacement card shows.</summary>
    public static string Shown(this PressResult result) => result.ReplacedCard ? Visible(result.Value) : result.Text;

    private static void Collect(JsonElement element, List<string> texts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                texts.Add(element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, texts);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, texts);
                }

                break;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\\([\\*_\[\]()`<>#+=.-])")]
    private static partial System.Text.RegularExpressions.Regex MarkdownEscape();

    /// <summary>Types a command in the user's personal chat and returns the card the bot answered with.</summary>
    public static async Task<JsonElement> CardReplyAsync(this RouteHarness route, TeamsUser user, string text)
    {
        var before = route.CardsOf(user).Count;
        var said = await route.SayAsync(user, text);
        var cards = route.CardsOf(user);
        Assert.True(cards.Count > before, $"\"{text}\" gave no card but: {string.Join(" | ", said)}");
        return cards[^1];
    }

    /// <summary>Presses the Afvinken button of one checklist item on a case card.</summary>
    public static Task<PressResult> TickAsync(this RouteHarness route, TeamsUser user, JsonElement caseCard, string item, string? toelichting = null)
    {
        var inputs = new Dictionary<string, string> { ["item"] = item };
        if (toelichting is not null)
        {
            inputs["toelichting"] = toelichting;
        }

        return route.PressAsync(user, caseCard, "thuiszitter.afvinken", inputs);
    }
}
