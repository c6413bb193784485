using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.CardActions;

namespace VerzuimBot.SickRoute.Actions;

/// <summary>The school records that it reported to leerplicht, or to the RMC for a student past it (the bot never files with DUO itself).</summary>
internal sealed class LeerplichtMeldingAction(RouteActionSupport support) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["leerplicht.gemeld"];

    public CardAccess Access(string verb) => CardAccess.ForTask<LeerplichtMeldingRecorded>([TaskKind.MeldingLeerplicht, TaskKind.SchorsingMelding, TaskKind.RmcMelding], AccessAction.ReportToLeerplicht);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data) = (press.Context, press.Data);
        var decision = context.Decision;
        var task = press.Task;

        var reason = task.Kind switch
        {
            TaskKind.SchorsingMelding => LeerplichtMeldingReason.Schorsing,
            TaskKind.RmcMelding => LeerplichtMeldingReason.Rmc,
            _ => task.Detail switch
            {
                "luxeverzuim" => LeerplichtMeldingReason.Luxeverzuim,
                "ongeoorloofd na gesprek" => LeerplichtMeldingReason.OngeoorloofdNaGesprek,
                _ => LeerplichtMeldingReason.AdviesJeugdarts,
            },
        };
        var reference = data.Text("kenmerk", 100);
        var anchor = task.Kind == TaskKind.RmcMelding ? task.Anchor : null;
        await support.RecordAsync(context, new LeerplichtMeldingRecorded(SickAbsenceService.NewId(), context.Now, SickAbsenceService.ActorOf(context.Staff, decision), reason, reference, anchor), cancellationToken).ConfigureAwait(false);
        return support.Done(context, task.Kind == TaskKind.RmcMelding ? "Gemeld bij het RMC" : "Gemeld bij leerplicht", [new Fact("Kenmerk", reference ?? "niet opgegeven")], decision);
    }
}
