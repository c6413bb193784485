using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.CardActions;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.CardActions.AttackScene;

namespace VerzuimBot.Tests.CardActions;

// issue 19 items 1 and 2, domain.md §8: every card action is opened the same way — who pressed, their role for THIS student,
// and only then the task or the dossier. An attacker with a valid Teams account presses every verb the bot has (taken
// from the router, so a new verb cannot be forgotten) with a card of their own making, once naming Daan (who exists, and
// has a ziekmelding) and once naming a student who does not exist: the two answers are the same, name nothing of Daan,
// change nothing, and Daan's audit trail records each refused press (who, which verb, refused).
public sealed class ForgedCardPressTests
{
    [Fact]
    public async Task EveryVerb_PressedWithAForgedCard_ByEachAttacker_GetsTheSameAnswerForAnExistingAndAnUnknownStudent_WithoutData_AndIsAudited()
    {
        // The attackers press some forty verbs each, several times: the rate limit is not what this test is about.
        await using var route = await DaanIsSickAsync(new() { ["RateLimit:Enabled"] = "false" });
        var daan = route.StudentIdOf("123456").Value;
        var nobody = route.StudentIdOf("999999").Value;
        var router = route.App.Services.GetRequiredService<CardActionRouter>();
        var before = await route.DaanAsync();
        var checklistItem = route.App.Services.GetRequiredService<VerzuimBot.Protocol.Schools.SchoolProtocols>().For("99DE00").Profile.Thuiszitter.SchoolChecklist[0];

        // A card as an attacker would make it: a task that is not open, an event and an overleg that are Daan's or made up.
        Dictionary<string, string> Forged(string student) => new()
        {
            ["school"] = "99DE00",
            ["leerling"] = student,
            ["taak"] = $"{student}/MentorContactReminder/Mentor/ev-verzonnen",
            ["gebeurtenis"] = before.Events[0].Id.Value,
            ["reden"] = "Verkeerd",
            ["overleg"] = "0123456789abcdef0123456789abcdef",
            ["kaart"] = "0123456789abcdef0123456789abcdef",
            ["actie"] = "actie-verzonnen",
            ["item"] = checklistItem,
            ["overzichtId"] = "SWV-ANDERS|1792000000|-|99DE00",
            ["knop"] = "ja",
            ["keuze"] = "nee",
            ["uitkomst"] = "niet-bereikt",
            ["kenmerk"] = "K-1",
        };

        var verbs = router.Verbs;
        Assert.True(verbs.Count >= 35, $"only {verbs.Count} verbs");
        var problems = new List<string>();
        foreach (var attacker in Attackers)
        {
            foreach (var (verb, access) in verbs.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                var existing = await route.PressForgedAsync(attacker, verb, Forged(daan));
                var unknown = await route.PressForgedAsync(attacker, verb, Forged(nobody));

                // A form card sends back what was typed in it: the echo of the typed id is the only difference allowed.
                var (a, b) = (existing.Text.Replace(daan, "<id>", StringComparison.Ordinal), unknown.Text.Replace(nobody, "<id>", StringComparison.Ordinal));
                if (existing.Type != unknown.Type || a != b)
                {
                    problems.Add($"{attacker.Name} {verb}: Daan \"{Cut(a)}\" but unknown \"{Cut(b)}\"");
                }

                if (DaansData.FirstOrDefault(d => a.Contains(d, StringComparison.Ordinal)) is { } leak)
                {
                    problems.Add($"{attacker.Name} {verb}: shows \"{leak}\": {Cut(a)}");
                }

                if (access != CardAccessKind.Role && existing.Text != CardRefusals.Neutral && !existing.Text.StartsWith("Dit mag alleen een ", StringComparison.Ordinal)
                    && !existing.Text.StartsWith("Je hebt nog geen rol in VerzuimBot", StringComparison.Ordinal))
                {
                    problems.Add($"{attacker.Name} {verb}: not refused: {Cut(a)}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Equal(before.Events.Count, (await route.DaanAsync()).Events.Count);

        // Every refused press naming Daan is on his audit trail: who pressed, the verb, refused; nothing else of him.
        var refusals = (await AuditOfAsync(route, "123456")).Where(e => e.Action == CardRefusals.AuditCode).ToList();
        var studentVerbs = verbs.Where(v => v.Value != CardAccessKind.Role).Select(v => v.Key).ToList();
        foreach (var attacker in Attackers)
        {
            var theirs = refusals.Where(e => e.ActorId == attacker.Upn || e.ActorId == $"teams:{attacker.Aad}").Select(e => e.Details.Json).ToList();
            Assert.True(theirs.Count == studentVerbs.Count, $"{attacker.Name}: {theirs.Count} audit lines for {studentVerbs.Count} verbs");
            Assert.All(studentVerbs, verb => Assert.Contains(theirs, line => line.Contains($"kaart \\u0022{verb}\\u0022 geweigerd", StringComparison.Ordinal)));
            Assert.All(theirs, line => Assert.DoesNotContain(DaansData, d => line.Contains(d, StringComparison.Ordinal)));
        }
    }

    private static string Cut(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
