using VerzuimBot.Protocol.SchoolLeave;
using VerzuimBot.Connector.Dialogs;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Language;
using VerzuimBot.Staff;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Protocol.Students;

namespace VerzuimBot.SchoolLeave;

/// <summary>
/// The chat commands of 002 §1.3 besides illness, in a personal chat only: "verlof aanvraag …", "geoorloofd …", "schorsing …",
/// "vijfjarige extra uren …" and "vsv …" (see <see cref="SchoolLeaveCommandParser"/>). Acts as the person typing.
/// </summary>
internal sealed class SchoolLeaveCommands(ActingStaff acting, StudentDirectory students, SchoolLeaveService service, IDialogStateStore dialogs, TimeProvider time) : Messages.IChatCommands
{
    public async Task<Activity?> TryHandleAsync(Activity activity, string command, string original, string dialogKey, CancellationToken cancellationToken)
    {
        if (SchoolLeaveCommandParser.Parse(command) is not { } parsed)
        {
            return null;
        }

        if (parsed.Request is not { } request)
        {
            // A bare "verlof" may be the answer to a running dialog ("Waarom ben je afwezig? ... verlof"): that one goes first.
            return await dialogs.LoadAsync(dialogKey, cancellationToken).ConfigureAwait(false) is not null ? null : Activity.Message(parsed.Problem!);
        }

        var resolved = await acting.ResolveInPersonalChatAsync(activity, cancellationToken).ConfigureAwait(false);
        if (resolved.Member is not { } staff)
        {
            return Activity.Message(resolved.Refusal!);
        }

        // The days first: a typo in a date is answered before anyone's name is looked up.
        var today = SchoolClock.Today(time);
        var ahead = request.Kind == SchoolLeaveKind.VerlofAanvraag;
        var first = Day(request.From, today, ahead);
        var last = request.Until is null ? first : Day(request.Until, today, ahead);
        if ((first.Problem ?? last.Problem) is { } problem)
        {
            return Activity.Message($"{problem} Er is niets vastgelegd.");
        }

        var found = await students.SearchAsync(staff.Actor, request.Student, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (found.Count != 1)
        {
            return Activity.Message(found.Count == 0
                ? "Ik vind geen leerling met die naam of dat leerlingnummer op jouw school. Er is niets vastgelegd."
                : "Er zijn meer leerlingen die passen. Typ het opnieuw met het leerlingnummer:\n" + string.Join('\n', found.Select(f => $"- {f.Label}: {f.Details.Leerlingnummer}")));
        }

        var (student, from, until) = (found[0], first.Date!.Value, last.Date!.Value);
        var outcome = request.Kind switch
        {
            SchoolLeaveKind.Schorsing => await service.SchorsingAsync(staff, student, from, until, cancellationToken).ConfigureAwait(false),
            SchoolLeaveKind.VerlofAanvraag => await service.VerlofAanvraagAsync(staff, student, from, until, request.Reason!, cancellationToken).ConfigureAwait(false),
            SchoolLeaveKind.Geoorloofd => await service.GeoorloofdAsync(staff, student, from, until, request.AuthorisedReason!.Value, request.Hours, cancellationToken).ConfigureAwait(false),
            SchoolLeaveKind.VijfjarigeExtraUren => await service.VijfjarigeAsync(staff, student, from, cancellationToken).ConfigureAwait(false),
            _ => await service.VsvAsync(staff, student, from, cancellationToken).ConfigureAwait(false),
        };
        return Activity.Message(outcome.Message);
    }

    /// <summary>
    /// A day as typed; "vandaag" when none was given. A day without a year is the next one for a verlof request (it is asked
    /// ahead), otherwise the one nearest to today (a schorsing or a funeral may have been yesterday or be tomorrow).
    /// </summary>
    private static DateAnswer Day(string? text, DateOnly today, bool ahead)
    {
        if (text is null)
        {
            return new DateAnswer(DateAnswerKind.Date, today);
        }

        var parsed = DutchDateParser.Parse(text, today);
        return parsed switch
        {
            { Kind: DateAnswerKind.Date, Date: { } date } when !ahead && date > today.AddDays(183) => new DateAnswer(DateAnswerKind.Date, date.AddYears(-1)),
            { Kind: DateAnswerKind.Date } => parsed,
            { Kind: DateAnswerKind.Unknown } => new DateAnswer(DateAnswerKind.Invalid, Problem: "Geef een datum, bijvoorbeeld 12-1."),
            _ => parsed,
        };
    }
}
