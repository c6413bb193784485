using VerzuimBot.Connector.Schema;
using VerzuimBot.Staff;
using VerzuimBot.Protocol.Digest;
using VerzuimBot.CardActions;

namespace VerzuimBot.Digest;

/// <summary>
/// The digest card's buttons: "Download export (CSV)" gives the presser a fresh link, "Terug naar het overzicht" shows
/// the digest of that moment again. Judged on the presser's own SWV role and schools, never on the card's data.
/// </summary>
internal sealed class DigestCardActions(ActingStaff acting, SwvAudiences audiences, DigestComposer composer, DigestCommands commands) : ICardAction
{
    public const string Export = "overzichtExport";
    public const string Show = "overzichtTonen";

    public IReadOnlyCollection<string> Verbs { get; } = [Export, Show];

    public async Task<CardActionResult> HandleAsync(string verb, Activity activity, CardData data, CancellationToken cancellationToken)
    {
        var resolved = await acting.ResolveAsync(activity, cancellationToken).ConfigureAwait(false);
        if (resolved.Member is not { } staff)
        {
            return CardActionResult.Say(resolved.Refusal!);
        }

        if (DigestComposer.ParseDigestId(data.Id("overzichtId")) is not { } id)
        {
            return CardActionResult.Say(RouteActionSupport.Incomplete);
        }

        var (audience, refusal) = audiences.For(staff, id.School);
        if (audience is null)
        {
            return CardActionResult.Say(refusal!);
        }

        if (!string.Equals(audience.SwvId, id.SwvId, StringComparison.OrdinalIgnoreCase))
        {
            return CardActionResult.Say("Dit overzicht is van een ander samenwerkingsverband dan het jouwe. Er is niets veranderd.");
        }

        if (verb == Show)
        {
            return CardActionResult.Replace((await composer.ComposeAsync(audience, DigestKind.OnDemand, id.Now, id.Since, staff.Email, cancellationToken).ConfigureAwait(false)).Card);
        }

        return await commands.ExportCardAsync(audience, id.Now, id.Since, staff.Email, cancellationToken).ConfigureAwait(false) is { } card
            ? CardActionResult.Replace(card)
            : CardActionResult.Say(DigestCommands.NoPublicAddress);
    }
}
