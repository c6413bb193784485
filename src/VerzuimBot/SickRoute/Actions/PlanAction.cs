using VerzuimBot.Access.Authorization;
using VerzuimBot.Access;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.CardActions;

namespace VerzuimBot.SickRoute.Actions;

/// <summary>Stap 6: after the terugkoppeling the school records the plan van aanpak with a named regie-/contactpersoon.</summary>
internal sealed class PlanAction(RouteActionSupport support) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["plan.opslaan"];

    public CardAccess Access(string verb) => CardAccess.Student(AccessAction.EvaluatePlanVanAanpak);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data) = (press.Context, press.Data);

        // The card answers one terugkoppeling ("plan/<its id>"), not a task of the rules: done once a plan follows it.
        var terugkoppelingId = context.TaskId.StartsWith("plan/", StringComparison.Ordinal) ? context.TaskId[5..] : string.Empty;
        var terugkoppeling = context.Dossier.Of<TerugkoppelingReceived>().FirstOrDefault(t => t.Id.Value == terugkoppelingId);
        if (terugkoppeling is null || context.Dossier.Of<PlanVanAanpakAgreed>().Any(p => p.RecordedAt >= terugkoppeling.RecordedAt))
        {
            return support.AlreadyDone<PlanVanAanpakAgreed>(context);
        }

        var decision = context.Decision;
        var regie = data.Text("regiepersoon", 200) is { } r ? EmailAddress.Normalise(r) : null;
        var date = data.Date("planDatum") ?? DateOnly.MaxValue;
        if (date > context.Today || regie is null || !EmailAddress.IsValid(regie))
        {
            return CardActionResult.Say("Vul de datum van het plan van aanpak (niet in de toekomst) en het e-mailadres van de regiepersoon in.");
        }

        await support.RecordAsync(context, new PlanVanAanpakAgreed(SickAbsenceService.NewId(), context.Now, SickAbsenceService.ActorOf(context.Staff, decision), date, new StaffId(regie)), cancellationToken).ConfigureAwait(false);
        var evaluation = context.Protocol.Calendar.AddSchoolDays(date, context.Protocol.Profile.Sick.EvaluationEverySchoolDays);
        return support.Done(context, "Plan van aanpak vastgelegd", [new Fact("Sinds", DutchDates.LongDate(date)), new Fact("Regiepersoon", regie), new Fact("Eerste evaluatie", DutchDates.LongDate(evaluation))], decision);
    }
}
