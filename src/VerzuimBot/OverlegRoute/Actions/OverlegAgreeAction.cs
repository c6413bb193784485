using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Tasks;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.CardActions;

namespace VerzuimBot.OverlegRoute.Actions;

/// <summary>
/// An action agreed in the overleg (domain.md §6), recorded on the summary card in the group chat: description, owner
/// (a role of a participating organisation) and due date. The owner is reminded on the due date and the action is
/// marked late the next school day (the rules engine's OverlegActionDue/Late).
/// </summary>
internal sealed class OverlegAgreeAction(OverlegChatSupport support, DossierService dossiers, OverlegService overleggen, SweepTrigger sweep) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["overleg.actie"];

    public CardAccess Access(string verb) => OverlegChatSupport.ParticipantAccess;

    public Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken) => support.AsParticipantAsync(press, AgreeAsync, cancellationToken);

    private async Task<CardActionResult> AgreeAsync(Participation participant, CardData data, CancellationToken cancellationToken)
    {
        var (context, staff, decision) = participant;

        var description = data.Text("beschrijving", 300);
        var owner = OverlegTerms.Owners.FirstOrDefault(o => o.Value == data.Text("eigenaar", 40) && context.Overleg.Partners.Contains(o.Partner));
        var today = SchoolClock.LocalDate(context.Now);
        var due = data.Date("uiterlijk");
        if (description is null || owner.Value is null)
        {
            return CardActionResult.Say("Beschrijf de actie en kies wie hem uitvoert (een deelnemer van het overleg). Er is niets veranderd.");
        }

        if (due is not { } dueDate || dueDate < today || dueDate > today.AddYears(1))
        {
            return CardActionResult.Say("Kies de datum waarop de actie uiterlijk klaar is: vandaag of later, binnen een jaar. Er is niets veranderd.");
        }

        var actionId = OverlegService.ActionId(context.Overleg.OverlegId, description, owner.Value, dueDate);
        if (context.Dossier.Of<OverlegActionAgreed>().FirstOrDefault(a => a.ActionId == actionId) is { } existing)
        {
            return CardActionResult.Say($"Deze actie is al vastgelegd (door {Staff.PeopleNames.WithRole(existing.RecordedBy)} op {DutchDates.Moment(existing.RecordedAt)}). Er is niets veranderd.");
        }

        var fact = new OverlegActionAgreed(SickAbsenceService.NewId(), context.Now, SickAbsenceService.ActorOf(staff, decision), actionId, description, owner.Role, dueDate);
        var outcome = await dossiers.RecordAsync(context.Student.SchoolId, context.Student.Id, fact, cancellationToken).ConfigureAwait(false);
        sweep.Now();
        return CardActionResult.Replace(await overleggen.RefreshSummaryAsync(context.Overleg, context.Student, outcome.Dossier, context.MessageId, cancellationToken).ConfigureAwait(false));
    }
}
