using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.CardActions;
using VerzuimBot.Staff;

namespace VerzuimBot.SickRoute.Actions;

/// <summary>Stap 1 in one step: the quick ziekmelding form (the same two questions as the chat dialog), and "herstel".</summary>
internal sealed class ZiekmeldingFormAction(StudentDirectory students, SickAbsenceService sick, Protocol.Schools.SchoolProtocols protocols, RouteCards cards, TimeProvider time) : ICardAction
{
    private const string Herstel = "herstel.opslaan";

    public IReadOnlyCollection<string> Verbs { get; } = ["ziekmelding.opslaan", Herstel];

    /// <summary>
    /// The form finds its student among the presser's own; herstel names one, whom the presser must see (which of its
    /// events they may take back is the <see cref="RetractionPolicy"/>'s, judged on retracting).
    /// </summary>
    public CardAccess Access(string verb) => verb == Herstel ? CardAccess.Student(AccessAction.ViewAbsenceOverview) : CardAccess.Role(AccessAction.LogZiekmelding);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken) =>
        press.Verb == Herstel ? await RetractAsync(press.Context, press.Data, cancellationToken).ConfigureAwait(false) : await ReportAsync(press.Staff, press.Data, cancellationToken).ConfigureAwait(false);

    private async Task<CardActionResult> ReportAsync(StaffMember staff, CardData data, CancellationToken cancellationToken)
    {
        var today = SchoolClock.Today(time);
        var school = data.Id("school") ?? string.Empty;
        var query = data.Text("leerling", 100);
        var firstDay = data.Date("eersteDag");
        var terug = data.Text("terug", 60);
        var mentor = data.Text("ouderBeltMentor", 5);
        CardActionResult Again(string problem, IReadOnlyList<StudentRecord>? choices = null) =>
            CardActionResult.Replace(cards.ZiekmeldingForm(school, today, problem, query, choices ?? [], firstDay, terug, mentor));

        if (query is null)
        {
            return Again("Vul de naam of het leerlingnummer van de leerling in.");
        }

        var (student, notFound, choices) = await students.FindForFormAsync(staff.Actor, query, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (student is null)
        {
            return Again(notFound!, choices);
        }

        if (firstDay is null)
        {
            return Again("Kies de eerste ziektedag.");
        }

        DateOnly? expected = null;
        if (terug is not null)
        {
            var parsed = DutchDateParser.Parse(terug, today);
            if (parsed.Kind == DateAnswerKind.Invalid)
            {
                return Again($"Wanneer terug: {parsed.Problem}");
            }

            expected = parsed.Date;
        }

        if (mentor is not ("ja" or "nee"))
        {
            return Again("Kies ja of nee bij de vraag over contact met de mentor.");
        }

        var outcome = await sick.ReportSickAsync(staff, student, firstDay.Value, expected, mentor == "ja", cancellationToken).ConfigureAwait(false);
        var remark = expected is { } back ? SchoolDayAnswers.ReturnRemark(back, protocols.For(student.SchoolId).Calendar) : null;
        return outcome.Stored
            ? CardActionResult.Replace(cards.Done("Ziekmelding opgeslagen", [new Fact("Melding", outcome.Message), .. remark is null ? Array.Empty<Fact>() : [new Fact("Let op", $"De verwachte terugkeer ({DutchDates.LongDate(expected!.Value)}): {remark}.")]], PeopleNames.Name(staff), time.GetUtcNow()))
            : Again(outcome.Message);
    }

    private async Task<CardActionResult> RetractAsync(RouteActionContext context, CardData data, CancellationToken cancellationToken)
    {
        if (data.Id("gebeurtenis") is not { } eventId)
        {
            return CardActionResult.Say("Kies wat niet klopt en geef een reden.");
        }

        if (data.Text("reden", 300) is not { } reason)
        {
            return CardActionResult.Say("Geef een reden voor het herstel.");
        }

        var outcome = await sick.RetractAsync(context.Staff, context.Student, eventId, reason, cancellationToken).ConfigureAwait(false);
        return outcome.Stored
            ? CardActionResult.Replace(cards.Done("Hersteld", [new Fact("Leerling", context.Student.Label), new Fact("Wat", outcome.Message)], PeopleNames.Name(context.Staff), time.GetUtcNow()))
            : CardActionResult.Say(outcome.Message);
    }
}
