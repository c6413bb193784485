using VerzuimBot.Protocol.SchoolLeave;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.CardActions;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.Protocol.Texts;
using VerzuimBot.Domain.Language;

namespace VerzuimBot.SchoolLeave;

/// <summary>
/// The answers on the extra-verlof cards (002 §1.3.1-1.3.2): toekennen or afwijzen (with a reason) by the verzuimcoördinator for
/// the directeur; on the first day of refused verlof, "afwezig" records luxeverzuim (which then goes the existing way to
/// leerplicht) and "op school" ends the check.
/// </summary>
internal sealed class VerlofAction(RouteActionSupport support, SchoolLeaveTaskCards cards) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["verlof.toekennen", "verlof.afwijzen", "verlof.genomen", "verlof.niet-genomen"];

    /// <summary>The school's decision is the verzuimcoördinator's (for the directeur); whether refused verlof was taken is recorded like any ongeoorloofd verzuim.</summary>
    public CardAccess Access(string verb) => verb is "verlof.toekennen" or "verlof.afwijzen"
        ? CardAccess.ForTask<ExtraVerlofDecided>([TaskKind.ExtraVerlofBesluit], AccessAction.DecideExtraVerlof)
        : CardAccess.ForTask<LuxeverzuimRecorded>([TaskKind.GeweigerdVerlofControle], AccessAction.LogUnauthorisedAbsence);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data, task, verb) = (press.Context, press.Data, press.Task, press.Verb);
        var decision = context.Decision;
        if (SchoolLeaveTaskCards.Request(context.Dossier, task.Anchor) is not { } request)
        {
            return CardActionResult.Say(RouteActionSupport.Incomplete);
        }

        var actor = SickAbsenceService.ActorOf(context.Staff, decision);
        var span = new Fact("Verlof", SchoolLeaveService.Span(request.First, request.Last));
        switch (verb)
        {
            case "verlof.toekennen":
                await support.RecordAsync(context, new ExtraVerlofDecided(SickAbsenceService.NewId(), context.Now, actor, request.Id, true, data.Text("reden", 500)), cancellationToken).ConfigureAwait(false);
                return support.Done(context, "Extra verlof toegekend", [span, new Fact("Verzuim", "deze dagen tellen niet als verzuim")], decision);

            case "verlof.afwijzen" when data.Text("reden", 500) is not { } reason:
                return CardActionResult.Replace(cards.Verlof(task, context.Student, context.Dossier, context.Protocol, request, "Geef een toelichting bij het afwijzen. Er is niets vastgelegd."));

            case "verlof.afwijzen":
                await support.RecordAsync(context, new ExtraVerlofDecided(SickAbsenceService.NewId(), context.Now, actor, request.Id, false, data.Text("reden", 500)), cancellationToken).ConfigureAwait(false);
                return support.Done(context, "Extra verlof afgewezen", [span, new Fact("Daarna", $"op {DutchDates.LongDate(request.First)} vraag ik of de leerling op school is")], decision);

            case "verlof.genomen":
                await support.RecordAsync(context, new LuxeverzuimRecorded(SickAbsenceService.NewId(), context.Now, actor, request.First, request.Last), cancellationToken).ConfigureAwait(false);
                return support.Done(context, "Luxeverzuim vastgelegd", [span, new Fact("Daarna", "de verzuimcoördinator krijgt de kaart \"Melden bij leerplicht\" (002 §3)")], decision);

            default:
                await support.RecordAsync(context, new KernpartnerDecisionRecorded(SickAbsenceService.NewId(), context.Now, actor, context.Student.SchoolId, ProtocolEngine.RefusedVerlofQuestion(request.Id), "nee, op school", null), cancellationToken).ConfigureAwait(false);
                return support.Done(context, "Geweigerd verlof niet opgenomen", [span], decision);
        }
    }
}
