using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Staff;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Thuiszitter;
using VerzuimBot.Protocol.Texts;

namespace VerzuimBot.ThuiszitterRoute;

/// <summary>
/// The route's chat commands, in a personal chat only (names of children never go to a group or channel, domain.md §8):
/// "thuiszitter &lt;leerling&gt;" shows the case card (type and code as of today, the checklist, what is open);
/// "vrijstelling &lt;leerling&gt;" lets leerplicht record a vrijstelling 5a aanvraag (002 §7);
/// "doorzettingsmacht &lt;leerling&gt;" lets the SWV start (or close) doorzettingsmacht (002 Bijlage 2).
/// </summary>
internal sealed class ThuiszitterCommands(ActingStaff acting, CaseFinder finder, DossierService dossiers, SchoolProtocols protocols, ThuiszitterAccess access, ThuiszitterCards cards, TimeProvider time)
    : Messages.IChatCommands
{
    private static readonly string[] Prefixes = ["thuiszitter", "vrijstelling", "doorzettingsmacht"];

    public async Task<Activity?> TryHandleAsync(Activity activity, string command, string original, string dialogKey, CancellationToken cancellationToken)
    {
        var prefix = Messages.CommandWords.Match(command, Prefixes);
        if (prefix is null)
        {
            return null;
        }

        var resolved = await acting.ResolveInPersonalChatAsync(activity, cancellationToken).ConfigureAwait(false);
        if (resolved.Member is not { } staff)
        {
            return Activity.Message(resolved.Refusal!);
        }

        var rest = Messages.CommandWords.Rest(original, prefix);
        if (string.IsNullOrWhiteSpace(rest))
        {
            return Activity.Message($"Typ \"{prefix}\" met de naam of het leerlingnummer, bijvoorbeeld \"{prefix} 123456\".");
        }

        var found = await finder.FindAsync(staff, rest, cancellationToken).ConfigureAwait(false);
        if (found.Count > 1)
        {
            return Activity.Message($"Er zijn meer leerlingen die passen. Typ \"{prefix}\" met het leerlingnummer:\n" + string.Join('\n', found.Select(f => $"- {f.Label}: {f.Details.Leerlingnummer}")));
        }

        // The finder offers only cases this person may see; the audited read below decides the same, so "not yours" reads as "not found".
        var student = found.Count == 1 ? found[0] : null;
        var protocol = student is null ? null : protocols.For(student.SchoolId);
        var dossier = student is null ? null : await dossiers.ReadAsync(student.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (student is null || protocol is null || dossier is null || !(await access.CheckReadAsync(staff, student, dossier, protocol, audited: true, cancellationToken).ConfigureAwait(false)).IsAllowed)
        {
            return Activity.Message("Ik vind geen leerling met die naam of dat leerlingnummer waarvan jij de casus mag zien.");
        }

        var roles = staff.Actor.Grants.Where(g => g.IsValidAt(now)).Select(g => g.Role).ToHashSet();
        switch (prefix)
        {
            case "vrijstelling" when !roles.Contains(Role.Leerplichtambtenaar):
                return Activity.Message("Een aanvraag tot vrijstelling komt binnen bij leerplicht: dit mag alleen een leerplichtambtenaar (002 §7).");
            case "vrijstelling" when Domain.Dossier.VrijstellingProcedure.Current(dossier) is { IsFinished: false } running:
                return Activity.Message($"Voor {student.Label} loopt al een vrijstellingsprocedure: {ThuiszitterTexts.Step(running.Last)}.");
            case "vrijstelling":
                return Activity.CardMessage(cards.Decision(ThuiszitterTaskCards.VrijstellingAanvraag(student, null), string.Empty, student));
            case "doorzettingsmacht" when !roles.Contains(Role.Swv):
                return Activity.Message("Doorzettingsmacht zet de directie van het samenwerkingsverband in: dit mag alleen het SWV (002 Bijlage 2).");
            case "doorzettingsmacht" when ThuiszitterCards.Doorzettingsmacht(dossier) is not null:
                return Activity.CardMessage(cards.Decision(ThuiszitterTaskCards.DoorzettingsmachtDeadline(null, student, dossier, protocol, now, null), string.Empty, student));
            case "doorzettingsmacht":
                return Activity.CardMessage(cards.Decision(ThuiszitterTaskCards.DoorzettingsmachtStart(student, protocol, null), string.Empty, student));
            default:
                return Activity.CardMessage(cards.Case(student, dossier, protocol, now, roles, null));
        }
    }
}
