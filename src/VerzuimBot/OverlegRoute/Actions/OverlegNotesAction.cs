using VerzuimBot.Domain.Dossier;
using EventId = VerzuimBot.Domain.Identity.EventId;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.CardActions;

namespace VerzuimBot.OverlegRoute.Actions;

/// <summary>A decision taken in the overleg, recorded on the summary card by a participant (who, role, organisation, when, what).</summary>
internal sealed class OverlegNotesAction(OverlegChatSupport support, DossierService dossiers, OverlegService overleggen) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["overleg.notuleren"];

    public CardAccess Access(string verb) => OverlegChatSupport.ParticipantAccess;

    public Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken) => support.AsParticipantAsync(press, RecordAsync, cancellationToken);

    private async Task<CardActionResult> RecordAsync(Participation participant, CardData data, CancellationToken cancellationToken)
    {
        var (context, staff, decision) = participant;

        if (data.Text("besluit", 300) is not { } text)
        {
            return CardActionResult.Say("Beschrijf het besluit. Er is niets veranderd.");
        }

        // The same decision in the same overleg is one event: a second press finds the first.
        var eventId = new EventId($"ev-overleg-besluit-{OverlegService.Hash($"{context.Overleg.OverlegId}|{text.ToUpperInvariant()}")}");
        if (context.Dossier.Events.FirstOrDefault(e => e.Id == eventId) is { } existing)
        {
            return CardActionResult.Say($"Dit besluit is al vastgelegd (door {Staff.PeopleNames.WithRole(existing.RecordedBy)} op {DutchDates.Moment(existing.RecordedAt)}). Er is niets veranderd.");
        }

        var fact = new KernpartnerDecisionRecorded(eventId, context.Now, SickAbsenceService.ActorOf(staff, decision), decision.Grant!.OrganisationId, OverlegCards.NotesQuestion(context.Overleg.OverlegId), text, null);
        var outcome = await dossiers.RecordAsync(context.Student.SchoolId, context.Student.Id, fact, cancellationToken).ConfigureAwait(false);
        return CardActionResult.Replace(await overleggen.RefreshSummaryAsync(context.Overleg, context.Student, outcome.Dossier, context.MessageId, cancellationToken).ConfigureAwait(false));
    }
}
