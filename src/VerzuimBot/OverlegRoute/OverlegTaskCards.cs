using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Tasks;
using VerzuimBot.Protocol.Students;

namespace VerzuimBot.OverlegRoute;

/// <summary>
/// domain.md §6: an action agreed in an overleg is reminded to its owner on the due date (OverlegActionDue) and, still
/// not done, marked "te laat" on the next school day (OverlegActionLate). The card lets the owner mark it done.
/// </summary>
internal sealed class OverlegTaskCards(OverlegCards cards) : ITaskCardProvider
{
    public bool Handles(TaskKind kind) => kind is TaskKind.OverlegActionDue or TaskKind.OverlegActionLate;

    public JsonNodeCard For(DueTask task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateTimeOffset now)
    {
        // The rules only produce these tasks for an agreed action that is not completed, anchored on its id.
        var action = OverlegCards.Actions(dossier, protocol, SchoolClock.LocalDate(now), null).First(a => a.Agreed.ActionId == task.Anchor);
        return cards.ActionReminder(task.Id.Value, student, action, late: task.Kind == TaskKind.OverlegActionLate || action.Late);
    }
}
