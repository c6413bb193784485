using System.Text.Json;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Messages;

namespace VerzuimBot.Telemetry;

/// <summary>
/// What kind of command a turn was, for telemetry: the first word of a message when it is one of the bot's own
/// command words, the verb of a card press when a card of ours has it; anything else is "other". Never the text:
/// what follows a command word is a name or a number.
/// </summary>
internal static class CommandKinds
{
    private static readonly HashSet<string> CommandWords = new(StringComparer.Ordinal)
    {
        "help", "hulp", "?", "/help", "wie", "afwezig", "afwezig?", "status", "ziek", "ziekmelding", "beter", "herstel", "taken",
        "ongeoorloofd", "te", "luxeverzuim", "weer", "thuiszitter", "vrijstelling", "doorzettingsmacht", "overleg", "overzicht",
        "rol", "rollen", "audit", "leerlingen", "tijd", "speel",
    };

    public const string Other = "other";

    public static string Of(Activity activity, Func<string?, bool> knownVerb)
    {
        switch (activity.Type)
        {
            case ActivityTypes.Message when activity.Value is { ValueKind: JsonValueKind.Object }:
                return "card-submit";
            case ActivityTypes.Message:
                var first = TurnHandler.Normalize(activity.Text).Split(' ', 2)[0];
                return first.Length == 0 ? "empty" : CommandWords.Contains(first) ? first : Other;
            case ActivityTypes.Invoke:
                var verb = VerbOf(activity);
                return knownVerb(verb) ? verb! : Other;
            default:
                return activity.Type is { Length: > 0 and <= 32 } type && type.All(char.IsAsciiLetter) ? type : Other;
        }
    }

    /// <summary>The verb of an Action.Execute press; null when the invoke carries none.</summary>
    internal static string? VerbOf(Activity activity) =>
        activity.Value is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
        && action.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String
            ? verb.GetString()
            : null;
}
