using System.Text.Json;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Digest;
using VerzuimBot.Messages;
using VerzuimBot.Telemetry;

namespace VerzuimBot.RateLimiting;

/// <summary>
/// What a turn costs of the person's rate limit, read from the parsed activity before anything is looked up: one token,
/// more for the commands that read much (<see cref="RateLimitOptions"/>). Only messages and card presses are limited;
/// installs and other activity types Teams sends cost nothing.
/// </summary>
internal static class TurnCosts
{
    /// <summary>Commands followed by a student's name or number; with a name they search the whole roster.</summary>
    private static readonly HashSet<string> NamingCommands = new(StringComparer.Ordinal)
    {
        "ziek", "ziekmelding", "beter", "herstel", "thuiszitter", "vrijstelling", "doorzettingsmacht", "overleg", "audit",
    };

    public static int Of(Activity activity, RateLimitOptions options)
    {
        switch (activity.Type)
        {
            case ActivityTypes.Message when activity.Value is { ValueKind: JsonValueKind.Object }:
                return 1;
            case ActivityTypes.Message:
                var words = TurnHandler.Normalize(activity.Text).Split(' ', 2);
                var rest = words.Length > 1 ? words[1] : string.Empty;
                return words[0] switch
                {
                    "taken" => options.TakenCost,
                    "overzicht" => options.DigestCost,
                    "leerlingen" or "absenties" when rest.StartsWith("importeren", StringComparison.Ordinal) => options.ImportCost,
                    var command when NamingCommands.Contains(command) && rest.Any(char.IsLetter) => options.NameSearchCost,
                    _ => 1,
                };
            case ActivityTypes.Invoke:
                return CommandKinds.VerbOf(activity) is DigestCardActions.Export or DigestCardActions.Show ? options.DigestCost : 1;
            default:
                return 0;
        }
    }
}
