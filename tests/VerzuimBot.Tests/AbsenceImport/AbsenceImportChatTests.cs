using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.UnauthorisedRoute.LadderHarness;

namespace VerzuimBot.Tests.AbsenceImport;

// Issue 22 item 2: what was typed in chat and is also in the school system counts once, and an import gives the same ladder
// and legal clock as typing the same facts (004 Verzuimschema; the 16-hour clock of domain.md §4).
public sealed class AbsenceImportChatTests
{
    private const string Magister = "magister-absenties-oktober.csv";

    /// <summary>Zoë's hours and Emma's late arrivals of the Magister export, as receptie types them on the day itself.</summary>
    private static readonly (DateOnly Day, string Text)[] TypedInChat =
    [
        (D(2026, 10, 1), "te laat 124001"),
        (D(2026, 10, 5), "3 uur ongeoorloofd 124004"),
        (D(2026, 10, 6), "te laat 124001"),
        (D(2026, 10, 7), "2 uur ongeoorloofd 124004"),
        (D(2026, 10, 12), "4 uur ongeoorloofd 124004"),
        (D(2026, 10, 13), "te laat 124001"),
        (D(2026, 10, 27), "te laat 124001"),
        (D(2026, 10, 29), "2 uur ongeoorloofd 124004"),
    ];

    [Fact]
    public async Task HoursTypedInChatAndInTheExport_CountOnce_TheSameStays_TheDifferentOneIsReplacedByTheImport()
    {
        await using var route = new RouteHarness();
        await route.OnAsync(D(2026, 10, 5), Rita, "3 uur ongeoorloofd 124004", hour: 10);   // the same as Magister
        await route.OnAsync(D(2026, 10, 12), Rita, "2 uur ongeoorloofd 124004", hour: 10);  // Magister has 4
        await route.SetClockAsync(At(D(2026, 11, 2), 9));

        var report = await route.ImportAsync(Magister, "magister");
        Assert.Equal(2, report.ChatMatched);
        Assert.Equal(11, (await route.TotalsAsync("124004", D(2026, 11, 2))).HoursInYear); // not 11 + 3 + 2

        var events = await route.StoredEventsAsync("124004");
        var typed = events.OfType<UnauthorisedHoursRecorded>().Where(h => !h.Id.Value.StartsWith("imp-", StringComparison.Ordinal)).ToList();
        var replaced = events.OfType<EventRetracted>().Single(r => r.Retracted == typed.Single(h => h.Hours == 2).Id);
        Assert.Contains("Dubbel met het schoolsysteem", replaced.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(events.OfType<EventRetracted>(), r => r.Retracted == typed.Single(h => h.Hours == 3).Id);
        Assert.DoesNotContain(events, e => e is UnauthorisedHoursRecorded { Hours: 3 } h && h.Id.Value.StartsWith("imp-", StringComparison.Ordinal));

        // Typed again after the import (the same day twice): the next import matches it too.
        await route.OnAsync(D(2026, 11, 2), Rita, "1 uur ongeoorloofd 124004", hour: 10);
        await route.SetClockAsync(At(D(2026, 11, 2), 11));
        var again = await route.ImportAsync(Magister, "magister");
        Assert.Equal(0, again.FactsAdded);
        Assert.Equal(12, (await route.TotalsAsync("124004", D(2026, 11, 2))).HoursInYear); // 2 Nov is not in the October export
    }

    [Fact]
    public async Task TheLadderAndTheClock_AfterAnImport_EqualThoseAfterTypingTheSameFactsInChat()
    {
        var now = At(D(2026, 11, 2), 9);
        await using var typed = new RouteHarness();
        foreach (var (day, text) in TypedInChat)
        {
            Assert.StartsWith("Vastgelegd:", await typed.OnAsync(day, Rita, text, hour: 9), StringComparison.Ordinal);
        }

        await typed.SetClockAsync(now);
        await using var imported = new RouteHarness();
        await imported.SetClockAsync(now);
        Assert.True((await imported.ImportAsync(Magister, "magister")).Imported);

        foreach (var student in new[] { "124004", "124001" })
        {
            Assert.Equal(await typed.TotalsAsync(student, D(2026, 11, 2)), await imported.TotalsAsync(student, D(2026, 11, 2)));
            var fromChat = typed.Protocol().Engine.Evaluate(await typed.DossierAsync(student), now);
            var fromImport = imported.Protocol().Engine.Evaluate(await imported.DossierAsync(student), now);
            Assert.NotEmpty(fromChat);
            Assert.Equal(Outcome(fromChat), Outcome(fromImport));
        }
    }

    private static List<string> Outcome(IEnumerable<Domain.Rules.DueTask> tasks) =>
        tasks.Select(t => $"{t.Kind}|{t.Assignee}|{t.DueAt:O}|{t.Anchor}|{t.Detail}").Order(StringComparer.Ordinal).ToList();
}
