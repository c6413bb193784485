using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Tasks;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.Protocol.Texts;
using VerzuimBot.CardActions;

namespace VerzuimBot.SickRoute.Actions;

/// <summary>Stap 3: the outcome of the gesprek at zorgwekkend verzuim decides the next step (monitoring, leerplicht, stap 4).</summary>
internal sealed class GesprekAction(RouteActionSupport support, SweepTrigger sweep) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["gesprek.opslaan"];

    public CardAccess Access(string verb) => CardAccess.ForTask<GesprekRecorded>([TaskKind.ZorgwekkendVerzuim], AccessAction.RecordGesprek);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data) = (press.Context, press.Data);
        var decision = context.Decision;

        var outcome = data.Text("uitkomst", 30) switch
        {
            "monitoring" => GesprekOutcome.Monitoring,
            "ongeoorloofd" => GesprekOutcome.Ongeoorloofd,
            "advies-jeugdarts" => GesprekOutcome.AdviesJeugdarts,
            _ => (GesprekOutcome?)null,
        };
        if (outcome is null || data.Date("gesprekDatum") is not { } date || date > context.Today)
        {
            return CardActionResult.Say("Kies de uitkomst van het gesprek en de datum (niet in de toekomst).");
        }

        await support.RecordAsync(context, new GesprekRecorded(SickAbsenceService.NewId(), context.Now, SickAbsenceService.ActorOf(context.Staff, decision), date, outcome.Value), cancellationToken).ConfigureAwait(false);
        sweep.Now();
        var next = outcome switch
        {
            GesprekOutcome.Monitoring => "De school monitort het verzuim.",
            GesprekOutcome.Ongeoorloofd => "De verzuimcoördinator krijgt nu de taak om te melden bij leerplicht.",
            _ => "De zorgcoördinator krijgt nu het aanmeldingsformulier voor de jeugdarts.",
        };
        return support.Done(context, "Gesprek met de ouders vastgelegd", [new Fact("Datum", DutchDates.LongDate(date)), new Fact("Uitkomst", EventDescriptions.Outcome(outcome.Value)), new Fact("Vervolg", next)], decision);
    }
}
