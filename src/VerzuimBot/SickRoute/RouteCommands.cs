using VerzuimBot.Access.Authorization;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Staff;
using VerzuimBot.Tasks;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.Protocol.Texts;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.CardActions;
using VerzuimBot.Connector.Dialogs;

namespace VerzuimBot.SickRoute;

/// <summary>
/// The route's chat commands: "ziekmelding" / "ziek &lt;leerling&gt;", "ziekmelding formulier",
/// "beter &lt;leerling&gt;", "herstel &lt;leerling&gt;" and "taken". Each acts as the person typing, with their roles now.
/// </summary>
internal sealed class RouteCommands(
    ActingStaff acting, DialogRunner dialogs, ZiekmeldingDialog ziekmelding, StudentDirectory students, SickAbsenceService sick, OpenTasks openTasks, RouteCards cards, RateLimiting.TurnRateLimiter rateLimits, TimeProvider time)
    : Messages.IChatCommands
{
    private static readonly string[] Prefixes = ["ziekmelding formulier", "ziek formulier", "ziekmelding", "ziek", "beter", "herstel", "taken"];

    /// <summary>Null when the text is not one of these commands.</summary>
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
        var today = SchoolClock.Today(time);
        switch (prefix)
        {
            case "ziekmelding formulier" or "ziek formulier":
                var school = staff.Actor.Grants.FirstOrDefault(g => g.OrganisationKind == Access.Tenants.OrganisationKind.School)?.OrganisationId ?? string.Empty;
                return Activity.CardMessage(cards.ZiekmeldingForm(school, today, null, rest, [], today, null, null));
            case "ziekmelding" or "ziek":
                var (query, since) = ZiekmeldingDialog.SplitSince(rest);
                return Activity.Message(await dialogs.BeginAsync(dialogKey, await ziekmelding.BeginAsync(staff, query, since, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false));
            case "taken" when !rateLimits.TryAcquireForSchools(activity, OpenTasks.SchoolsOf(staff, time.GetUtcNow()).Count):
                // A gemeente-wide role reads the open dossiers of every school it serves: that costs more (issue 19 item 12).
                return Activity.Message(RateLimiting.TurnRateLimiter.SlowDown);
            case "taken":
                return Activity.CardMessage(await openTasks.ForAsync(staff, cancellationToken).ConfigureAwait(false));
        }

        if (string.IsNullOrWhiteSpace(rest))
        {
            return Activity.Message($"Typ \"{prefix}\" met de naam of het leerlingnummer, bijvoorbeeld \"{prefix} 123456\".");
        }

        var found = await students.SearchAsync(staff.Actor, rest, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (found.Count != 1)
        {
            return Activity.Message(found.Count == 0
                ? "Ik vind geen leerling met die naam of dat leerlingnummer op jouw school."
                : $"Er zijn meer leerlingen die passen. Typ \"{prefix}\" met het leerlingnummer:\n" + string.Join('\n', found.Select(f => $"- {f.Label}: {f.Details.Leerlingnummer}")));
        }

        var student = found[0];
        if (prefix == "beter")
        {
            return Activity.Message((await sick.ReportBetterAsync(staff, student, today, cancellationToken).ConfigureAwait(false)).Message);
        }

        // Only what the person's roles record (issue 19 item 3): receptie sees no gesprek, nobody sees a kernpartner's decision.
        var events = await sick.RetractableAsync(staff, student, cancellationToken).ConfigureAwait(false);
        return events.Count == 0
            ? Activity.Message($"Er staat niets in het dossier van {student.Label} dat jij kunt herstellen.")
            : Activity.CardMessage(cards.Herstel(student, events.Select(e => ($"{EventDescriptions.Describe(e)} (vastgelegd {DutchDates.Moment(e.RecordedAt)} door {PeopleNames.Name(e.RecordedBy)})", e.Id.Value))));
    }
}
