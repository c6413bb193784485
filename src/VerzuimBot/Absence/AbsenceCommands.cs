using System.Globalization;
using System.Text.Json;
using VerzuimBot.Connector.Dialogs;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Messages;
using VerzuimBot.Storage;

namespace VerzuimBot.Absence;

/// <summary>What the absence card and commands do: validate, store, and answer with the card that replaces the form.</summary>
internal sealed class AbsenceCommands(StaffAbsenceStore store, BotReplies replies, TimeProvider time)
{
    public const string SaveVerb = "afwezigheid.opslaan";
    public const string ClearVerb = "afwezigheid.wissen";

    public async Task<JsonNodeCard> SaveFromCardAsync(DialogUser user, string? actorName, JsonElement data, CancellationToken cancellationToken)
    {
        var today = SchoolClock.Today(time);
        var rawReplacement = Text(data, "vervanger");
        var rawReason = Text(data, "reden");
        var rawUntil = Text(data, "totEnMet");
        var (until, untilProblem) = AbsenceInput.Until(rawUntil, today);
        var (replacement, replacementProblem) = AbsenceInput.Replacement(rawReplacement);
        var (reason, reasonProblem) = AbsenceInput.Reason(rawReason);
        var problem = replacementProblem ?? reasonProblem ?? untilProblem;
        if (problem is not null)
        {
            // The form comes back with the values kept and the problem on top; nothing is stored.
            return replies.AbsenceForm(Limit(rawReplacement), Limit(rawReason), Limit(rawUntil), today, problem);
        }

        var absence = new StaffAbsence(user.TenantId, user.UserKey, until!.Value, replacement!, reason!, time.GetUtcNow());
        await store.SaveAsync(absence, cancellationToken).ConfigureAwait(false);
        return replies.Result("Opgeslagen", $"Je bent {AbsenceInput.Describe(absence)}.", Footnote(actorName));
    }

    public async Task<JsonNodeCard> ClearAsync(DialogUser user, string? actorName, CancellationToken cancellationToken)
    {
        await store.RemoveAsync(user.TenantId, user.UserKey, cancellationToken).ConfigureAwait(false);
        return replies.Result("Afwezigheid gewist", "Je taken komen weer bij jou.", Footnote(actorName));
    }

    public async Task<string> DescribeAsync(DialogUser user, CancellationToken cancellationToken)
    {
        var absence = await store.FindAsync(user.TenantId, user.UserKey, cancellationToken).ConfigureAwait(false);
        return absence is null || absence.Until < SchoolClock.Today(time)
            ? "Er staat geen afwezigheid van je genoteerd."
            : $"Je bent {AbsenceInput.Describe(absence)}.";
    }

    private string Footnote(string? actorName) =>
        $"Afgehandeld door {actorName ?? "jou"} op {TimeZoneInfo.ConvertTime(time.GetUtcNow(), SchoolClock.Zone).ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture)}.";

    private static string? Text(JsonElement data, string property) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // User input echoed back into the form is bounded; Adaptive Card inputs show it as plain text.
    private static string? Limit(string? value) => value is { Length: > 254 } ? value[..254] : value;
}
