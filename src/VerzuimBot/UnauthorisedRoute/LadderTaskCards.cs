using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Tasks;
using VerzuimBot.Protocol.Students;

namespace VerzuimBot.UnauthorisedRoute;

/// <summary>The cards of the hours ladder's due tasks: a rung's checklist, the signaalverzuim melding, its deadline and the warning.</summary>
internal sealed class LadderTaskCards(UnauthorisedCards cards) : ITaskCardProvider
{
    public bool Handles(TaskKind kind) => kind is TaskKind.LadderRung or TaskKind.LeerplichtInterventie or TaskKind.SignaalverzuimWarning or TaskKind.SignaalverzuimMelding or TaskKind.SignaalverzuimDeadline;

    public JsonNodeCard For(DueTask task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateTimeOffset now)
    {
        var today = SchoolClock.LocalDate(now);
        switch (task.Kind)
        {
            case TaskKind.LadderRung or TaskKind.LeerplichtInterventie when LadderRungs.FromTask(task, protocol.Profile) is { } side:
                return cards.Rung(task.Id.Value, student, dossier, protocol, side, today, reminder: task.Key.IsReminder);
            case TaskKind.SignaalverzuimWarning:
                return cards.Warning(task, student, dossier, protocol, today);
            case TaskKind.SignaalverzuimMelding or TaskKind.SignaalverzuimDeadline:
                return cards.Signaal(task, student, dossier, protocol, today);
            default:
                // A rung the profile no longer has (the beheerder changed it): say so rather than show an empty checklist.
                return cards.Route.Notice("taak-melding", $"{TaskTitles.Of(task.Kind)}: {student.Label}", task.Detail ?? string.Empty, [new VerzuimBot.CardActions.Fact("Leerling", student.Label)],
                    "Deze trede staat niet meer in het protocolprofiel van de school; vraag de beheerder.");
        }
    }
}
