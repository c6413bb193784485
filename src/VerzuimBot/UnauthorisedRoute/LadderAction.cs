using VerzuimBot.Access.Authorization;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.SickRoute;
using VerzuimBot.SickRoute.Actions;

namespace VerzuimBot.UnauthorisedRoute;

/// <summary>
/// The verzuimcoördinator ticks off actions of a rung of the hours ladder (004 Verzuimschema). Each
/// ticked action is a <see cref="LadderActionCompleted"/> (who, when, the reference of a melding: the bot
/// never files with DUO itself). All done: the card becomes the outcome; otherwise it shows what is still open.
/// </summary>
internal sealed class LadderAction(RouteActionSupport support, UnauthorisedCards cards) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["ladder.afvinken"];

    public async Task<CardActionResult> HandleAsync(string verb, Activity activity, CardData data, CancellationToken cancellationToken)
    {
        var (context, refusal) = await support.OpenAsync(activity, data, cancellationToken).ConfigureAwait(false);
        if (context is null)
        {
            return refusal!;
        }

        if (LadderRungs.FromTaskId(context.TaskId, context.Student.Id.Value, context.Protocol.Profile) is not { } found)
        {
            return CardActionResult.Say(RouteActionSupport.Incomplete);
        }

        // The role first: someone without it learns nothing about the case, not even that it was handled.
        var decision = await support.AllowAsync(context, cancellationToken, AccessAction.CompleteLadderAction).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            return CardActionResult.Say(decision.Reason!);
        }

        var (rung, anchor) = found;
        var year = LadderRungs.YearOf(anchor);
        if (!LadderRungs.IsOpen(context.Open, anchor))
        {
            var last = LadderRungs.Done(context.Dossier, rung, year).Values.MaxBy(c => c.RecordedAt);
            return last is null
                ? CardActionResult.Say("Deze trede is niet meer nodig (de uren zijn bijvoorbeeld hersteld). Er is niets veranderd.")
                : CardActionResult.Replace(cards.RungDone(context.Student, context.Dossier, rung, year, $"Al afgehandeld: alle acties van de trede {rung.Hours} uur zijn afgevinkt",
                    $"{last.RecordedBy.Staff.Value} ({RoleNames.Dutch(last.RecordedBy.Role)})", last.RecordedAt));
        }

        var done = LadderRungs.Done(context.Dossier, rung, year);
        var ticked = new List<(string Action, string? Reference)>();
        for (var i = 0; i < rung.Actions.Count; i++)
        {
            var action = rung.Actions[i];
            if (done.ContainsKey(action) || !data.Yes($"actie-{i}"))
            {
                continue;
            }

            var reference = data.Text($"kenmerk-{i}", 50);
            if (LadderRungs.NeedsReference(action) && reference is null)
            {
                return Again(context, rung, year, $"Vul het referentienummer van de melding in bij \"{action}\". Er is niets vastgelegd.");
            }

            ticked.Add((action, LadderRungs.NeedsReference(action) ? reference : null));
        }

        if (ticked.Count == 0)
        {
            return Again(context, rung, year, "Vink aan wat gedaan is. Er is niets vastgelegd.");
        }

        var actor = SickAbsenceService.ActorOf(context.Staff, decision);
        var dossier = context.Dossier;
        foreach (var (action, reference) in ticked)
        {
            dossier = (await support.RecordAsync(context, new LadderActionCompleted(SickAbsenceService.NewId(), context.Now, actor, rung.Hours, action, reference), cancellationToken).ConfigureAwait(false)).Dossier;
        }

        // At ≥16 hours the rung's melding and the signaalverzuim melding are one melding at DUO (004, row ≥16).
        var alsoSignal = string.Empty;
        var melding = ticked.FirstOrDefault(t => t.Reference is not null);
        if (melding.Reference is { } kenmerk && rung.Hours >= context.Protocol.Profile.Unauthorised.SignalHours
            && context.Open.Any(t => t.Kind is TaskKind.SignaalverzuimMelding or TaskKind.SignaalverzuimDeadline))
        {
            dossier = (await support.RecordAsync(context, new SignaalverzuimReported(SickAbsenceService.NewId(), context.Now, actor, context.Today, kenmerk), cancellationToken).ConfigureAwait(false)).Dossier;
            alsoSignal = " Deze melding geldt ook als melding van het signaalverzuim.";
        }

        if (LadderRungs.Done(dossier, rung, year).Count == rung.Actions.Count)
        {
            return CardActionResult.Replace(cards.RungDone(context.Student, dossier, rung, year, $"Verzuimladder {rung.Hours} uur: alle acties gedaan.{alsoSignal}",
                $"{context.Staff.Email} ({RoleNames.Dutch(decision.Grant!.Role)})", context.Now));
        }

        var remaining = rung.Actions.Count - LadderRungs.Done(dossier, rung, year).Count;
        return CardActionResult.Replace(cards.Rung(context.TaskId, context.Student, dossier, context.Protocol, rung, year, context.Today, reminder: false,
            note: $"Vastgelegd: {string.Join("; ", ticked.Select(t => t.Action))}.{alsoSignal} Nog {remaining} open."));
    }

    private CardActionResult Again(RouteActionContext context, Domain.Profiles.LadderRung rung, Domain.Calendar.SchoolYear year, string problem) =>
        CardActionResult.Replace(cards.Rung(context.TaskId, context.Student, context.Dossier, context.Protocol, rung, year, context.Today, reminder: false, problem));
}
