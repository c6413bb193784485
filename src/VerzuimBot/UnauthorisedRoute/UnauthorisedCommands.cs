using VerzuimBot.Access.Tenants;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Language;
using VerzuimBot.Staff;
using VerzuimBot.Protocol.Unauthorised;
using VerzuimBot.Protocol.Students;

namespace VerzuimBot.UnauthorisedRoute;

/// <summary>
/// The hours ladder's chat commands (004 Verzuimschema, 002 §3), in a personal chat only:
/// "3 uur ongeoorloofd Daan 2b", "ongeoorloofd 2 uur 123456", "te laat Daan", "luxeverzuim Daan van 12-1 tot 16-1",
/// each with an optional day ("op 12-1", "gisteren"), "ongeoorloofd afwezig Daan vanaf 2-11" / "weer aanwezig Daan",
/// and "ongeoorloofd formulier". Acts as the person typing.
/// </summary>
internal sealed class UnauthorisedCommands(ActingStaff acting, StudentDirectory students, UnauthorisedAbsenceService service, UnauthorisedCards cards, TimeProvider time) : Messages.IChatCommands
{
    public async Task<Activity?> TryHandleAsync(Activity activity, string command, string original, string dialogKey, CancellationToken cancellationToken)
    {
        if (UnauthorisedCommandParser.Parse(command) is not { } parsed)
        {
            return null;
        }

        var resolved = await acting.ResolveInPersonalChatAsync(activity, cancellationToken).ConfigureAwait(false);
        if (resolved.Member is not { } staff)
        {
            return Activity.Message(resolved.Refusal!);
        }

        var today = SchoolClock.Today(time);
        if (parsed.Form)
        {
            var school = staff.Actor.Grants.FirstOrDefault(g => g.OrganisationKind == OrganisationKind.School)?.OrganisationId ?? string.Empty;
            return Activity.CardMessage(cards.Form(school, today, null, null, [], null, null, today, null));
        }

        if (parsed.Request is not { } request)
        {
            return Activity.Message(parsed.Problem!);
        }

        // The days first: a typo in the date is answered before anyone's name is looked up.
        var first = Day(request.On, today);
        var last = request.Kind == UnauthorisedKind.Luxeverzuim && request.Until is not null ? Day(request.Until, today) : first;
        if ((first.Problem ?? last.Problem) is { } problem)
        {
            return Activity.Message(problem);
        }

        var found = await students.SearchAsync(staff.Actor, request.Student, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return Activity.Message("Ik vind geen leerling met die naam of dat leerlingnummer op jouw school. Er is niets vastgelegd.");
        }

        if (found.Count > 1)
        {
            return Activity.Message(
                $"Er zijn meer leerlingen die passen. Typ het opnieuw met het leerlingnummer, bijvoorbeeld \"{Example(command, request.Student, found[0].Details.Leerlingnummer)}\":\n"
                + string.Join('\n', found.Select(f => $"- {f.Label}: {f.Details.Leerlingnummer}")));
        }

        var student = found[0];
        var outcome = request.Kind switch
        {
            UnauthorisedKind.Hours => await service.RecordHoursAsync(staff, student, first.Date!.Value, request.Hours, cancellationToken).ConfigureAwait(false),
            UnauthorisedKind.Late => await service.RecordLateAsync(staff, student, first.Date!.Value, cancellationToken).ConfigureAwait(false),
            UnauthorisedKind.AwayFrom => await service.RecordAwayFromAsync(staff, student, first.Date!.Value, cancellationToken).ConfigureAwait(false),
            UnauthorisedKind.Back => await service.RecordBackAsync(staff, student, first.Date!.Value, cancellationToken).ConfigureAwait(false),
            _ => await service.RecordLuxeverzuimAsync(staff, student, first.Date!.Value, last.Date!.Value, cancellationToken).ConfigureAwait(false),
        };
        return Activity.Message(outcome.Message);
    }

    /// <summary>A day as typed; "vandaag" when none was given.</summary>
    private static DateAnswer Day(string? text, DateOnly today)
    {
        if (text is null)
        {
            return new DateAnswer(DateAnswerKind.Date, today);
        }

        var parsed = PastDates.Parse(text, today);
        return parsed.Kind == DateAnswerKind.Date ? parsed : new DateAnswer(DateAnswerKind.Invalid, Problem: $"{parsed.Problem} Er is niets vastgelegd.");
    }

    /// <summary>The same command with the student replaced by a leerlingnummer.</summary>
    private static string Example(string command, string student, string leerlingnummer)
    {
        var at = command.IndexOf(student, StringComparison.Ordinal);
        return at < 0 ? command : command[..at] + leerlingnummer + command[(at + student.Length)..];
    }
}
