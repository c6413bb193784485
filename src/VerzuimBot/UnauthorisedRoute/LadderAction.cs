using VerzuimBot.Access.Authorization;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.CardActions;

namespace VerzuimBot.UnauthorisedRoute;

/// <summary>
/// The verzuimcoördinator ticks off actions of a rung of the hours ladder (004 Verzuimschema), and after the school's
/// melding the leerplichtambtenaar ticks off the rung's interventions (004, last column). Each ticked action is a
/// <see cref="LadderActionCompleted"/> (who, in which role, when, the reference of a melding: the bot never files with
/// DUO itself). All done: the card becomes the outcome; otherwise it shows what is still open.
/// </summary>
internal sealed class LadderAction(RouteActionSupport support, UnauthorisedCards cards, Protocol.Tasks.SweepTrigger sweep) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["ladder.afvinken"];

    /// <summary>The card's task says which side of the rung it is: the school's actions for the verzuimcoördinator, the interventions for leerplicht.</summary>
    public CardAccess Access(string verb) => CardAccess.Student((data, protocol) =>
        protocol is null || LadderRungs.FromTaskId(data.Id("taak") ?? string.Empty, data.Id("leerling") ?? string.Empty, protocol.Profile) is not { } side ? []
        : side.Leerplicht ? [new Permit(AccessAction.DecideLeerplicht)]
        : [new Permit(AccessAction.CompleteLadderAction)]);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data) = (press.Context, press.Data);
        var decision = context.Decision;
        var side = LadderRungs.FromTaskId(context.TaskId, context.Student.Id.Value, context.Protocol.Profile)!;
        var rung = side.Rung;
        if (!LadderRungs.IsOpen(context.Open, side))
        {
            var last = LadderRungs.Done(context.Dossier, side).Values.MaxBy(c => c.RecordedAt);
            return last is null
                ? CardActionResult.Say("Deze trede is niet meer nodig (de uren zijn bijvoorbeeld hersteld). Er is niets veranderd.")
                : CardActionResult.Replace(cards.RungDone(context.Student, context.Dossier, side, $"Al afgehandeld: alle acties van de trede {rung.Hours} uur zijn afgevinkt",
                    Staff.PeopleNames.WithRole(last.RecordedBy), last.RecordedAt));
        }

        var done = LadderRungs.Done(context.Dossier, side);
        var ticked = new List<(string Action, string? Reference)>();
        for (var i = 0; i < side.Actions.Count; i++)
        {
            var action = side.Actions[i];
            if (done.ContainsKey(action) || !data.Yes($"actie-{i}"))
            {
                continue;
            }

            var reference = data.Text($"kenmerk-{i}", 50);
            if (LadderRungs.NeedsReference(action) && reference is null)
            {
                return Again(context, side, $"Vul het referentienummer van de melding in bij \"{action}\". Er is niets vastgelegd.");
            }

            ticked.Add((action, LadderRungs.NeedsReference(action) ? reference : null));
        }

        if (ticked.Count == 0)
        {
            return Again(context, side, "Vink aan wat gedaan is. Er is niets vastgelegd.");
        }

        var actor = SickAbsenceService.ActorOf(context.Staff, decision);
        var dossier = context.Dossier;
        foreach (var (action, reference) in ticked)
        {
            dossier = (await support.RecordAsync(context, new LadderActionCompleted(SickAbsenceService.NewId(), context.Now, actor, rung.Hours, action, reference, side.Late), cancellationToken).ConfigureAwait(false)).Dossier;
        }

        // At ≥16 hours the rung's melding and the signaalverzuim melding are one melding at DUO (004, row ≥16).
        var alsoSignal = string.Empty;
        var melding = ticked.FirstOrDefault(t => t.Reference is not null);
        if (!side.Leerplicht && !side.Late && melding.Reference is { } kenmerk && rung.Hours >= context.Protocol.Profile.Unauthorised.SignalHours
            && context.Open.Any(t => t.Kind is TaskKind.SignaalverzuimMelding or TaskKind.SignaalverzuimDeadline))
        {
            dossier = (await support.RecordAsync(context, new SignaalverzuimReported(SickAbsenceService.NewId(), context.Now, actor, context.Today, kenmerk), cancellationToken).ConfigureAwait(false)).Dossier;
            alsoSignal = " Deze melding geldt ook als melding van het signaalverzuim.";
        }

        // The melding may make leerplicht's side due at once: send it now, not at the next sweep.
        sweep.Now();
        var remaining = side.Actions.Count - LadderRungs.Done(dossier, side).Count;
        if (remaining == 0)
        {
            var by = side.Leerplicht ? $"{Staff.PeopleNames.Name(context.Staff)} ({RoleNames.Dutch(decision.Grant!.Role)}, {decision.Grant.OrganisationId})" : Staff.PeopleNames.WithRole(context.Staff, decision.Grant!.Role);
            return CardActionResult.Replace(cards.RungDone(context.Student, dossier, side, $"Verzuimladder {side.Threshold}: alle acties {(side.Leerplicht ? "van leerplicht " : string.Empty)}gedaan.{alsoSignal}", by, context.Now));
        }

        return CardActionResult.Replace(cards.Rung(context.TaskId, context.Student, dossier, context.Protocol, side, context.Today, reminder: false,
            note: $"Vastgelegd: {string.Join("; ", ticked.Select(t => t.Action))}.{alsoSignal} Nog {remaining} open."));
    }

    private CardActionResult Again(RouteActionContext context, RungTask side, string problem) =>
        CardActionResult.Replace(cards.Rung(context.TaskId, context.Student, context.Dossier, context.Protocol, side, context.Today, reminder: false, problem));
}
