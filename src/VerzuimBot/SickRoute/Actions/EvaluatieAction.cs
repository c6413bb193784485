using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.CardActions;

namespace VerzuimBot.SickRoute.Actions;

/// <summary>
/// Stap 6 / 002 §4: "wordt het plan van aanpak opgevolgd?" Ja: next evaluation in 4 weeks. Nee: the
/// follow-up chosen from domain.md §3 is recorded as the school's decision, and the rules then ask for its owner and date.
/// </summary>
internal sealed class EvaluatieAction(RouteActionSupport support) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["evaluatie.opslaan"];

    public CardAccess Access(string verb) => CardAccess.ForTask<PlanVanAanpakEvaluated>([TaskKind.PlanEvaluation], AccessAction.EvaluatePlanVanAanpak);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data) = (press.Context, press.Data);
        var decision = context.Decision;

        var followed = data.Text("opgevolgd", 5) switch { "ja" => true, "nee" => false, _ => (bool?)null };
        string? followUp = null;
        if (followed is null || (followed == false && !FollowUp.Stap6Options.Titles.TryGetValue(data.Text("vervolg", 30) ?? string.Empty, out followUp)))
        {
            return CardActionResult.Say("Kies of het plan wordt opgevolgd, en zo nee, wat de vervolgstap is.");
        }

        var closed = data.Yes("afsluiten");
        var actor = SickAbsenceService.ActorOf(context.Staff, decision);
        await support.RecordAsync(context, new PlanVanAanpakEvaluated(SickAbsenceService.NewId(), context.Now, actor, context.Today, followed.Value, closed), cancellationToken).ConfigureAwait(false);
        if (followUp is not null)
        {
            await support.RecordAsync(context, new KernpartnerDecisionRecorded(SickAbsenceService.NewId(), context.Now, actor, context.Student.SchoolId, FollowUp.Stap6Options.EvaluationQuestion, followUp, null), cancellationToken).ConfigureAwait(false);
        }

        var next = closed ? "plan afgerond, monitoring gestopt" : DutchDates.LongDate(context.Protocol.Calendar.AddSchoolDays(context.Today, context.Protocol.Profile.Sick.EvaluationEverySchoolDays));
        return support.Done(context, followed.Value ? "Plan van aanpak wordt opgevolgd" : "Plan van aanpak wordt niet opgevolgd",
            [.. followUp is null ? Array.Empty<Fact>() : [new Fact("Vervolgstap", followUp)], new Fact("Volgende evaluatie", next)], decision);
    }
}
