using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Storage;
using VerzuimBot.Tests.Messages;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;

namespace VerzuimBot.Tests.Chat;

/// <summary>
/// Issue 21 item 6: a name with <c>**</c>, <c>&lt;b&gt;</c> or <c>[link](url)</c> shows as typed on every card and in every
/// reply: escaped only where Teams reads markdown (card texts and facts, the overview included), plain chat replies as typed,
/// and nothing escaped that Teams does not need ("(2b)", never "\(2b\)").
/// </summary>
public sealed class EscapingEverywhereTests
{
    private const string Roepnaam = "**Daan**";
    private const string Achternaam = "<b>Vries</b> [link](https://x.example)";

    [Fact]
    public async Task AStudentNameWithMarkdown_ShowsAsTyped_OnEveryCardAndReplyKind()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(At(D(2026, 10, 9), 8));
        await route.EveryoneSaysHelloAsync(Rita, Max, Vera);
        await RenameDaanAsync(route);
        var pressed = new List<JsonElement>();
        var replies = new List<string>();

        // Chat replies and the mentor's notice (sick route, stap 1).
        foreach (var text in new[] { "ziek 123456", "weet ik niet", "ja", "ja" })
        {
            replies.AddRange(await route.SayAsync(Rita, text));
        }

        await route.WaitForCardAsync(Max, "Ziekmelding van je mentorleerling");

        // A task card, its answer, a second press (already done), the task list and the correction card.
        await route.SetClockAsync(At(D(2026, 10, 13), 8, 30));
        var reminder = await route.WaitForCardAsync(Max, "Neem contact op");
        pressed.Add((await route.PressAsync(Max, reminder, "mentorcontact.opslaan", title: "Niet bereikt")).Value);
        pressed.Add((await route.PressAsync(Max, reminder, "mentorcontact.opslaan", title: "Niet bereikt")).Value);
        replies.AddRange(await route.SayAsync(Max, "taken"));
        replies.AddRange(await route.SayAsync(Rita, "herstel 123456"));
        replies.AddRange(await route.SayAsync(Rita, "beter 123456"));

        // The hours ladder: the reply, the morning overview, an answer on it.
        await route.SetClockAsync(At(D(2026, 11, 2), 7, 45));
        replies.AddRange(await route.SayAsync(Rita, "9 uur ongeoorloofd 123456"));
        await route.SetClockAsync(At(D(2026, 11, 2), 8, 30));
        var rung = await route.WaitForCardAsync(Vera, "Verzuimladder 3 uur");
        pressed.Add((await route.PressAsync(Vera, rung, "ladder.afvinken", Tick((0, null)))).Value);

        var shown = route.App.Connector.SentActivities.Concat(pressed).ToList();
        Assert.Empty(EchoedText.Unescaped(shown, [Roepnaam, Achternaam]));
        var texts = shown.SelectMany(EchoedText.RenderedTexts).ToList();
        Assert.Contains(texts, t => t.Contains(@"\*\*Daan\*\* <b>Vries</b> \[link\](https://x.example) (2b)", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains(@"\(", StringComparison.Ordinal) || t.Contains(@"\<", StringComparison.Ordinal));

        // Plain replies go out as typed: an escape there would be shown too.
        Assert.Contains(replies, r => r.Contains($"{Roepnaam} {Achternaam} (2b)", StringComparison.Ordinal));
        Assert.DoesNotContain(replies, r => r.Contains(@"\*", StringComparison.Ordinal) || r.Contains(@"\[", StringComparison.Ordinal));

        // Every card kind seen above was checked: notice, task, done, list, correction, overview.
        var cards = shown.Select(s => s.GetRawText()).ToList();
        foreach (var kind in new[] { "Ziekmelding van je mentorleerling", "Neem contact op", "Afgehandeld door", "Jouw open taken", "Wat klopt niet?", "Je taken voor vandaag" })
        {
            Assert.Contains(cards, c => c.Contains(kind, StringComparison.Ordinal));
        }
    }

    /// <summary>Daan's roster entry with the names as an import would bring them.</summary>
    private static async Task RenameDaanAsync(RouteHarness route)
    {
        var roster = route.App.Services.GetRequiredService<RosterStore>();
        var stored = (await roster.FindStudentAsync("99DE00", route.StudentIdOf("123456").Value))!;
        var details = VerzuimBot.Access.Roster.RosterStudentDetails.FromEnvelope(stored.Details)! with { Roepnaam = Roepnaam, Tussenvoegsel = null, Achternaam = Achternaam };
        await roster.UpsertStudentAsync(stored with { Details = details.ToEnvelope() });
    }
}
