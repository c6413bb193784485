using System.Text.Json.Nodes;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Staff;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.CardActions;

namespace VerzuimBot.SickRoute.Actions;

/// <summary>
/// Stap 5: the consult date, registered by the jeugdarts or the zorgcoördinator. The jeugdarts then
/// has the terugkoppeling form at hand (in place of the card, or sent when the school registered it).
/// </summary>
internal sealed class ConsultAction(RouteActionSupport support, TaskRecipients recipients, StaffMessenger messenger) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["consult.opslaan"];

    public CardAccess Access(string verb) => CardAccess.ForTask<ConsultScheduled>([TaskKind.ConsultOverdue], AccessAction.JeugdartsTerugkoppeling, AccessAction.AanmeldingJeugdarts);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data) = (press.Context, press.Data);
        var decision = context.Decision;

        var aanmelding = context.Dossier.Of<JeugdartsAanmeldingSent>().Last();
        if (data.Date("consultDatum") is not { } date || date < aanmelding.Date || date > context.Today.AddDays(120))
        {
            return CardActionResult.Say($"Kies de datum van het consult: op of na de aanmelding ({DutchDates.ShortDate(aanmelding.Date)}).");
        }

        var consult = new ConsultScheduled(SickAbsenceService.NewId(), context.Now, SickAbsenceService.ActorOf(context.Staff, decision), date);
        await support.RecordAsync(context, consult, cancellationToken).ConfigureAwait(false);
        var form = TerugkoppelingForm(context, consult);
        if (decision.Grant!.Role == Role.Jeugdarts)
        {
            return CardActionResult.Replace(form);
        }

        var jeugdartsen = await recipients.ForAsync(Role.Jeugdarts, context.Student.SchoolId, context.Student.Id.Value, context.Student.Details, cancellationToken).ConfigureAwait(false);
        var reached = await messenger.SendAsync(jeugdartsen, form, cancellationToken).ConfigureAwait(false);
        return support.Done(context, "Consultdatum vastgelegd",
        [
            new Fact("Consult", DutchDates.LongDate(date)),
            new Fact("Formulier terugkoppeling", reached > 0 ? "verstuurd aan de jeugdarts" : "de jeugdarts gebruikt VerzuimBot nog niet; de terugkoppeling komt per mail"),
        ], decision);
    }

    private JsonNodeCard TerugkoppelingForm(RouteActionContext context, ConsultScheduled consult)
    {
        var task = new TaskReference($"{context.Student.Id.Value}/{TaskKind.TerugkoppelingOverdue}/{Role.Jeugdarts}/{consult.Id.Value}", context.Student.SchoolId, context.Student.Id.Value);
        return support.Cards.Task("terugkoppeling", task, context.Student, [new Fact("Leerling", context.Student.Label), new Fact("Consult", DutchDates.LongDate(consult.ConsultDate))], new JsonObject
        {
            ["tekst"] = $"Consult vastgelegd op {DutchDates.LongDate(consult.ConsultDate)}. Vul dit formulier in na het consult; de school ziet alleen wat je hier deelt.",
        });
    }
}
