using VerzuimBot.Connector.Schema;

namespace VerzuimBot.SickRoute.Actions;

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

    public Task<CardActionResult> HandleAsync(string verb, Activity activity, CardData data, CancellationToken cancellationToken) =>
        _byVerb[verb].HandleAsync(verb, activity, data, cancellationToken);
}
