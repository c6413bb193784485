using System.Text.Json;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Tests.SickRoute;

namespace VerzuimBot.Tests.UnauthorisedRoute;

/// <summary>Small helpers on <see cref="RouteHarness"/> for the hours ladder: real dates at school-local times.</summary>
internal static class LadderHarness
{
    /// <summary>The demo school with the PO profile of 004 (rechtstreeks melden bij leerplicht).</summary>
    public static readonly Dictionary<string, string?> PoSchool = new() { ["Schools:Items:99DE00:Profile"] = "po-vo-verzuimschema" };

    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    /// <summary>A moment on a date in Europe/Amsterdam (summer and winter time handled by the school clock).</summary>
    public static DateTimeOffset At(DateOnly date, int hour, int minute = 0) => SchoolClock.At(date, new TimeOnly(hour, minute));

    /// <summary>Sets the clock to <paramref name="date"/> at <paramref name="hour"/> and says <paramref name="text"/>; returns the bot's one answer.</summary>
    public static async Task<string> OnAsync(this RouteHarness route, DateOnly date, TeamsUser user, string text, int hour = 9)
    {
        await route.SetClockAsync(At(date, hour));
        return Assert.Single(await route.SayAsync(user, text));
    }

    /// <summary>The Vastgelegd-card's inputs: every listed action ticked ("actie-i" = ja), with references where given.</summary>
    public static Dictionary<string, string> Tick(params (int Index, string? Reference)[] actions)
    {
        var inputs = new Dictionary<string, string>();
        foreach (var (index, reference) in actions)
        {
            inputs[$"actie-{index}"] = "ja";
            if (reference is not null)
            {
                inputs[$"kenmerk-{index}"] = reference;
            }
        }

        return inputs;
    }

    public static string Text(JsonElement card) => RouteHarness.Plain(card);
}
