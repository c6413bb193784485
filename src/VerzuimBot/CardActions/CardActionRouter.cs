using VerzuimBot.Connector.Schema;

namespace VerzuimBot.CardActions;

/// <summary>
/// What pressing a card did: the card that replaces it for the presser, or a Dutch sentence shown while the card stays.
/// A <see cref="RefusalCode"/> marks a refusal: shown as <see cref="CardRefusals.Neutral"/>, logged and audited by the router.
/// </summary>
internal sealed record CardActionResult(JsonNodeCard? Card, string? Message, string? RefusalCode = null)
{
    public static CardActionResult Replace(JsonNodeCard card) => new(card, null);

    public static CardActionResult Say(string message) => new(null, message);

    /// <summary>A refusal found by the handler (e.g. a digest of another SWV): the same neutral answer as the opening gives.</summary>
    public static CardActionResult Refused(string code) => new(null, CardRefusals.Neutral, code);
}

/// <summary>One Action.Execute verb (or several) of a route's cards.</summary>
internal interface ICardAction
{
    IReadOnlyCollection<string> Verbs { get; }

    /// <summary>What a press of <paramref name="verb"/> must pass before <see cref="HandleAsync"/> sees the task or the dossier.</summary>
    CardAccess Access(string verb);

    Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken);
}

/// <summary>
/// Routes a verb to its handler through the one opening (<see cref="CardPressOpener"/>): the handler only ever sees a
/// press that passed its verb's <see cref="CardAccess"/>. Unknown verbs are not ours.
/// </summary>
internal sealed class CardActionRouter(IEnumerable<ICardAction> actions, CardPressOpener opener, CardRefusals refusals)
{
    private readonly Dictionary<string, ICardAction> _byVerb = actions.SelectMany(a => a.Verbs.Select(v => (v, a))).ToDictionary(x => x.v, x => x.a, StringComparer.Ordinal);

    public const string AnsweredMeanwhile = "Iemand anders handelde deze kaart net af, een moment vóór jou. Er is niets veranderd; vraag de kaart opnieuw op met \"taken\".";

    /// <summary>Every verb the bot's cards may send, each with its access (for the hostile tests that press them all).</summary>
    public IReadOnlyDictionary<string, CardAccessKind> Verbs => _byVerb.ToDictionary(x => x.Key, x => x.Value.Access(x.Key).Kind, StringComparer.Ordinal);

    public bool Handles(string? verb) => verb is not null && _byVerb.ContainsKey(verb);

    public async Task<CardActionResult> HandleAsync(string verb, Activity activity, CardData data, CancellationToken cancellationToken)
    {
        var action = _byVerb[verb];
        var access = action.Access(verb);

        // A typed name travels in "leerling" on a form card: only a card that names a student by id gives it to the audit.
        var studentId = access.Kind == CardAccessKind.Role ? null : data.Id("leerling");
        var opened = await opener.OpenAsync(verb, access, activity, data, cancellationToken).ConfigureAwait(false);
        if (opened.Press is not { } press)
        {
            return opened.Answer!.RefusalCode is null ? opened.Answer : await refusals.RecordAsync(verb, activity, data, opened.Presser, studentId, opened.Answer, cancellationToken).ConfigureAwait(false);
        }

        CardActionResult result;
        try
        {
            result = await action.HandleAsync(press, cancellationToken).ConfigureAwait(false);
        }
        catch (Protocol.Dossiers.FactNoLongerAppliesException)
        {
            // Two presses at the same moment: the other one was stored first (domain.md §6: nobody decides twice).
            return CardActionResult.Say(AnsweredMeanwhile);
        }
        catch (Protocol.Dossiers.StudentLeftRosterException)
        {
            // Taken off the roster between the read and the write of this press.
            return CardActionResult.Say(CardRefusals.Neutral);
        }

        return result.RefusalCode is null ? result : await refusals.RecordAsync(verb, activity, data, press.Presser, studentId, result, cancellationToken).ConfigureAwait(false);
    }
}
