using VerzuimBot.Access.Authorization;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;

namespace VerzuimBot.SickRoute.Actions;

/// <summary>The school records that it reported to leerplicht (the bot never files with DUO itself).</summary>
internal sealed class LeerplichtMeldingAction(RouteActionSupport support) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["leerplicht.gemeld"];

    public async Task<CardActionResult> HandleAsync(string verb, Activity activity, CardData data, CancellationToken cancellationToken)
    {
        var (context, refusal) = await support.OpenAsync(activity, data, cancellationToken).ConfigureAwait(false);
        if (context is null)
        {
            return refusal!;
        }

        if (context.OpenTask(TaskKind.MeldingLeerplicht) is not { } task)
        {
            return support.AlreadyDone<LeerplichtMeldingRecorded>(context);
        }

        var decision = await support.AllowAsync(context, cancellationToken, AccessAction.ReportToLeerplicht).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            return CardActionResult.Say(decision.Reason!);
        }

        var reason = task.Detail switch
        {
            "luxeverzuim" => LeerplichtMeldingReason.Luxeverzuim,
            "ongeoorloofd na gesprek" => LeerplichtMeldingReason.OngeoorloofdNaGesprek,
            _ => LeerplichtMeldingReason.AdviesJeugdarts,
        };
        var reference = data.Text("kenmerk", 100);
        await support.RecordAsync(context, new LeerplichtMeldingRecorded(SickAbsenceService.NewId(), context.Now, SickAbsenceService.ActorOf(context.Staff, decision), reason, reference), cancellationToken).ConfigureAwait(false);
        return support.Done(context, "Gemeld bij leerplicht", [new Fact("Kenmerk", reference ?? "niet opgegeven")], decision);
    }
}
