using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Protocol.Unauthorised;
using VerzuimBot.Protocol.Students;
using VerzuimBot.CardActions;

namespace VerzuimBot.UnauthorisedRoute;

/// <summary>"ongeoorloofd formulier": hours, te laat, luxeverzuim or whole days away (from a date) in one step, with the same checks as the chat commands.</summary>
internal sealed class UnauthorisedFormAction(StudentDirectory students, UnauthorisedAbsenceService service, UnauthorisedCards cards, TimeProvider time) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["ongeoorloofd.opslaan"];

    /// <summary>The form finds its student among the presser's own (the service checks the role for that student).</summary>
    public CardAccess Access(string verb) => CardAccess.Role(AccessAction.LogUnauthorisedAbsence);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (staff, data) = (press.Staff, press.Data);
        var today = SchoolClock.Today(time);
        var school = data.Id("school") ?? string.Empty;
        var query = data.Text("leerling", 100);
        var soort = data.Text("soort", 20);
        var uren = data.Text("uren", 3);
        var datum = data.Date("datum");
        var tot = data.Date("tot");
        CardActionResult Again(string problem, IReadOnlyList<StudentRecord>? choices = null) =>
            CardActionResult.Replace(cards.Form(school, today, problem, query, choices ?? [], soort, uren, datum, tot));

        if (query is null)
        {
            return Again("Vul de naam of het leerlingnummer van de leerling in.");
        }

        if (soort is not ("uren" or "te-laat" or "luxeverzuim" or "afwezig"))
        {
            return Again("Kies wat je vastlegt: uren, te laat, luxeverzuim of hele dagen afwezig.");
        }

        var hours = 0;
        if (soort == "uren" && (!int.TryParse(uren, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out hours) || hours is < 1 or > UnauthorisedAbsenceService.MaxHoursPerDay))
        {
            return Again($"Kies het aantal lesuren (1 tot en met {UnauthorisedAbsenceService.MaxHoursPerDay}).");
        }

        if (datum is not { } date)
        {
            return Again("Kies de datum.");
        }

        var (student, notFound, choices) = await students.FindForFormAsync(staff.Actor, query, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (student is null)
        {
            return Again(notFound!, choices);
        }

        var outcome = soort switch
        {
            "uren" => await service.RecordHoursAsync(staff, student, date, hours, cancellationToken).ConfigureAwait(false),
            "te-laat" => await service.RecordLateAsync(staff, student, date, cancellationToken).ConfigureAwait(false),
            "afwezig" => await service.RecordAwayFromAsync(staff, student, date, cancellationToken).ConfigureAwait(false),
            _ => await service.RecordLuxeverzuimAsync(staff, student, date, tot ?? date, cancellationToken).ConfigureAwait(false),
        };
        return outcome.Stored
            ? CardActionResult.Replace(cards.Route.Done("Ongeoorloofd verzuim vastgelegd", [new Fact("Vastgelegd", outcome.Message)], Staff.PeopleNames.Name(staff), time.GetUtcNow()))
            : Again(outcome.Message);
    }
}
