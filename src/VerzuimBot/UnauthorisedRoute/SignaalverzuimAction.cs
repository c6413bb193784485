using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.CardActions;

namespace VerzuimBot.UnauthorisedRoute;

/// <summary>
/// The school records that it reported signaalverzuim (16 hours or 16 times late within 4 school weeks,
/// 002 §3): a <see cref="SignaalverzuimReported"/> with the reference, after which a new window starts.
/// The bot never files with DUO or leerplicht itself.
/// </summary>
internal sealed class SignaalverzuimAction(RouteActionSupport support) : ICardAction
{
    private static readonly TaskKind[] Kinds = [TaskKind.SignaalverzuimMelding, TaskKind.SignaalverzuimDeadline];

    public IReadOnlyCollection<string> Verbs { get; } = ["signaalverzuim.gemeld"];

    public CardAccess Access(string verb) => CardAccess.Student(AccessAction.ReportToLeerplicht);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data) = (press.Context, press.Data);
        var decision = context.Decision;

        if (context.OpenTask(Kinds) is null)
        {
            return context.Dossier.Of<SignaalverzuimReported>().LastOrDefault() is { } reported
                ? CardActionResult.Replace(support.Cards.Done("Al afgehandeld: signaalverzuim gemeld",
                    [new Fact("Leerling", context.Student.Label), new Fact("Gemeld op", DutchDates.LongDate(reported.ReportedOn)), new Fact("Kenmerk", reported.DuoReference ?? "niet opgegeven")],
                    Staff.PeopleNames.WithRole(reported.RecordedBy), reported.RecordedAt))
                : CardActionResult.Say("Deze melding is niet meer nodig (de uren zijn bijvoorbeeld hersteld). Er is niets veranderd.");
        }

        if (data.Text("kenmerk", 50) is not { } kenmerk)
        {
            return CardActionResult.Say("Vul het referentienummer van de melding in. Er is niets vastgelegd.");
        }

        var actor = SickAbsenceService.ActorOf(context.Staff, decision);
        await support.RecordAsync(context, new SignaalverzuimReported(SickAbsenceService.NewId(), context.Now, actor, context.Today, kenmerk), cancellationToken).ConfigureAwait(false);

        // At ≥16 hours the signaalverzuim melding is also the melding of the ladder's ≥16 rung (004, row ≥16): tick it with the same reference.
        var alsoTicked = new List<string>();
        foreach (var task in context.Open.Where(t => t.Kind == TaskKind.LadderRung && !t.Key.IsReminder))
        {
            if (LadderRungs.FromTask(task, context.Protocol.Profile) is not { } found || found.Rung.Hours < context.Protocol.Profile.Unauthorised.SignalHours)
            {
                continue;
            }

            var done = LadderRungs.Done(context.Dossier, found.Rung, LadderRungs.YearOf(found.Anchor));
            if (found.Rung.Actions.FirstOrDefault(a => LadderRungs.NeedsReference(a) && !done.ContainsKey(a)) is { } action)
            {
                await support.RecordAsync(context, new LadderActionCompleted(SickAbsenceService.NewId(), context.Now, actor, found.Rung.Hours, action, kenmerk), cancellationToken).ConfigureAwait(false);
                alsoTicked.Add($"{action} (trede {found.Rung.Hours} uur)");
            }
        }

        return support.Done(context, "Signaalverzuim gemeld",
        [
            new Fact("Gemeld op", DutchDates.LongDate(context.Today)),
            new Fact("Kenmerk", kenmerk),
            new Fact("Route", LadderRungs.Route(context.Protocol.Profile)),
            .. alsoTicked.Select(a => new Fact("Ook afgevinkt", a)),
            new Fact("Daarna", "een nieuw venster van 4 schoolweken begint"),
        ], decision);
    }
}
