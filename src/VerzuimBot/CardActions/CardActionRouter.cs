using VerzuimBot.Connector.Schema;

namespace VerzuimBot.CardActions;

/// <summary>What pressing a card did: the card that replaces it for the presser, or a Dutch sentence shown while the card stays.</summary>
internal sealed record CardActionResult(JsonNodeCard? Card, string? Message)
{
    public static CardActionResult Replace(JsonNodeCard card) => new(card, null);

    public static CardActionResult Say(string message) => new(null, message);
}

/// <summary>One Action.Execute verb of the route's cards.</summary>
internal interface ICardAction
{
    IReadOnlyCollection<string> Verbs { get; }

    Task<CardActionResult> HandleAsync(string verb, Activity activity, CardData data, CancellationToken cancellationToken);
}

/// <summary>Routes a verb to its handler; unknown verbs are not ours.</summary>
internal sealed class CardActionRouter(IEnumerable<ICardAction> actions)
{
    private readonly Dictionary<string, ICardAction> _byVerb = actions.SelectMany(a => a.Verbs.Select(v => (v, a))).ToDictionary(x => x.v, x => x.a, StringComparer.Ordinal);

    public bool Handles(string? verb) => verb is not null && _byVerb.ContainsKey(verb);

    public const string AnsweredMeanwhile = "Iemand anders handelde deze kaart net af, een moment vóór jou. Er is niets veranderd; vraag de kaart opnieuw op met \"taken\".";

    public async Task<CardActionResult> HandleAsync(string verb, Activity activity, CardData data, CancellationToken cancellationToken)
    {
        try
        {
            return await _byVerb[verb].HandleAsync(verb, activity, data, cancellationToken).ConfigureAwait(false);
        }
        catch (Protocol.Dossiers.FactNoLongerAppliesException)
        {
            // Two presses at the same moment: the other one was stored first (domain.md §6: nobody decides twice).
            return CardActionResult.Say(AnsweredMeanwhile);
        }
        catch (Protocol.Dossiers.StudentLeftRosterException)
        {
            // Taken off the roster between the read and the write of this press.
            return CardActionResult.Say(RouteActionSupport.UnknownStudent);
        }
    }
}
