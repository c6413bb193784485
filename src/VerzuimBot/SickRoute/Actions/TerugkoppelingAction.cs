using System.Text.Json.Nodes;
using VerzuimBot.Access.Authorization;
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
/// Stap 5: the jeugdarts' Formulier terugkoppeling (002 Bijlage 1). Only what the form shares reaches
/// the school: the "relevante informatie" only with consent. The zorgcoördinator then records the plan van aanpak.
/// </summary>
internal sealed class TerugkoppelingAction(RouteActionSupport support, TaskRecipients recipients, StaffMessenger messenger) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["terugkoppeling.opslaan"];

    public CardAccess Access(string verb) => CardAccess.ForTask<TerugkoppelingReceived>([TaskKind.TerugkoppelingOverdue], AccessAction.JeugdartsTerugkoppeling);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data) = (press.Context, press.Data);
        var decision = context.Decision;

        if (TerugkoppelingForm.Read(data, context.Today) is not { } form)
        {
            return CardActionResult.Say(TerugkoppelingForm.Problem(data));
        }

        var fact = new TerugkoppelingReceived(
            SickAbsenceService.NewId(), context.Now, SickAbsenceService.ActorOf(context.Staff, decision), form.Result, form.PhoneDate, form.Conclusion,
            form.Consent, form.Consent ? form.Information : null, form.Agreements, form.Actions, form.Advice, form.AdviceOther);
        await support.RecordAsync(context, fact, cancellationToken).ConfigureAwait(false);

        var shared = TerugkoppelingForm.SharedFacts(fact).ToList();
        var zorg = await recipients.ForAsync(Role.Zorgcoordinator, context.Student.SchoolId, context.Student.Id.Value, context.Student.Details, cancellationToken).ConfigureAwait(false);
        var planTask = new TaskReference($"plan/{fact.Id.Value}", context.Student.SchoolId, context.Student.Id.Value);
        var card = support.Cards.Task("terugkoppeling-school", planTask, context.Student, shared, new JsonObject
        {
            ["vandaag"] = DutchDates.IsoDate(context.Today),
            ["regiepersoon"] = zorg.FirstOrDefault()?.Email ?? string.Empty,
        });
        var reached = await messenger.SendAsync(zorg, card, cancellationToken).ConfigureAwait(false);
        return support.Done(context, "Terugkoppeling verstuurd", [.. shared, new Fact("Naar de school", reached > 0 ? "de zorgcoördinator heeft hem ontvangen" : "nog niet: de zorgcoördinator gebruikt VerzuimBot nog niet")], decision);
    }
}
