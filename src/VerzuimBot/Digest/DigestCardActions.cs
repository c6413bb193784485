using VerzuimBot.Access.Authorization;
using VerzuimBot.Protocol.Digest;
using VerzuimBot.CardActions;

namespace VerzuimBot.Digest;

/// <summary>
/// The digest card's buttons: "Download export (CSV)" gives the presser a fresh link, "Terug naar het overzicht" shows
/// the digest of that moment again. Judged on the presser's own SWV role and schools, never on the card's data.
/// </summary>
internal sealed class DigestCardActions(SwvAudiences audiences, DigestComposer composer, DigestCommands commands) : ICardAction
{
    public const string Export = "overzichtExport";
    public const string Show = "overzichtTonen";

    public IReadOnlyCollection<string> Verbs { get; } = [Export, Show];

    public CardAccess Access(string verb) => CardAccess.Role(AccessAction.ViewSwvDigest);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        // A digest id that is not one of ours, or of another SWV than the presser's: refused like any card.
        var staff = press.Staff;
        if (DigestComposer.ParseDigestId(press.Data.Id("overzichtId")) is not { } id || audiences.For(staff, id.School).Audience is not { } audience
            || !string.Equals(audience.SwvId, id.SwvId, StringComparison.OrdinalIgnoreCase))
        {
            return CardActionResult.Refused("digest-not-yours");
        }

        if (press.Verb == Show)
        {
            return CardActionResult.Replace((await composer.ComposeAsync(audience, DigestKind.OnDemand, id.Now, id.Since, staff.Email, cancellationToken).ConfigureAwait(false)).Card);
        }

        return await commands.ExportCardAsync(audience, id.Now, id.Since, staff.Email, cancellationToken).ConfigureAwait(false) is { } card
            ? CardActionResult.Replace(card)
            : CardActionResult.Say(DigestCommands.NoPublicAddress);
    }
}
