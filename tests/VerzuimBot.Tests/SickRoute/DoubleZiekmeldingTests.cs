using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Storage;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.SickRoute;

/// <summary>
/// Issue 17 item 2: two people report the same student sick at the same moment. "Not sick yet" is checked in the same
/// step as the append, so one ziekmelding is stored and the other person is told so in Dutch, however the two turns interleave; the mentor gets one card
/// (002 Bijlage 1 stap 1: one ziekmelding starts one set of reminders).
/// </summary>
public sealed class DoubleZiekmeldingTests
{
    [Fact]
    public async Task TwoZiekmeldingenForOneStudentAtOnce_OneIsStored_TheOtherIsToldInDutch_AndTheMentorGetsOneCard()
    {
        await using var route = new RouteHarness();
        await route.SetClockAsync(new DateTimeOffset(2026, 10, 9, 8, 0, 0, TimeSpan.FromHours(2)));
        await route.EveryoneSaysHelloAsync(Rita, Vera, Max);
        foreach (var user in new[] { Rita, Vera })
        {
            // Both start before either finishes: neither sees Daan as sick yet.
            await route.SayAsync(user, "ziek 123456");
            await route.SayAsync(user, "weet ik niet");
            Assert.Contains(await route.SayAsync(user, "nee"), t => t.StartsWith("Klopt dit?", StringComparison.Ordinal));
        }

        var answers = await Task.WhenAll(route.SayAsync(Rita, "ja"), route.SayAsync(Vera, "ja"));

        var texts = answers.Select(a => string.Join(' ', a)).ToList();
        Assert.Single(texts, t => t.StartsWith("Ziekmelding opgeslagen", StringComparison.Ordinal));
        // The other is refused in Dutch: by the write's own check when both decided on the same read, or by the turn's first
        // check when the first was already stored before the second turn read the dossier.
        Assert.Single(texts, t => t.Contains("is net door iemand anders ziek gemeld", StringComparison.Ordinal) || t.Contains("is al ziek gemeld sinds", StringComparison.Ordinal));
        var daan = await route.DaanAsync();
        Assert.Single(daan.Events.OfType<Domain.Dossier.ZiekmeldingRecorded>());
        var stored = await route.App.Services.GetRequiredService<DossierStore>().LoadAsync("99DE00", route.StudentIdOf("123456").Value, fresh: true);
        Assert.Single(stored.Tasks, t => t.Definition.Kind == nameof(Domain.Rules.TaskKind.MentorNotification));
        await route.WaitForCardAsync(Max, "Daan de Vries");
    }
}
