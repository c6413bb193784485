using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Staff;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Tasks;
using VerzuimBot.Protocol.Thuiszitter;
using VerzuimBot.Protocol.Texts;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.CardActions;

namespace VerzuimBot.ThuiszitterRoute.Actions;

/// <summary>
/// What the route's card answers share once <see cref="CardPressOpener"/> let a press through (the presser's role for this
/// decision now, one <see cref="Permit"/> per owning role): the task still open, "al afgehandeld", storing a decision and
/// what it looks like once stored.
/// </summary>
internal sealed class ThuiszitterActionSupport(RouteActionSupport route, ThuiszitterCards cards, TaskRecipients recipients, StaffMessenger messenger, SweepTrigger sweep)
{
    public ThuiszitterCards Cards => cards;

    /// <summary>The card's task is still open and due; null when it was dealt with (or never was a task of these kinds).</summary>
    public static DueTask? OpenTask(RouteActionContext context, params TaskKind[] kinds) =>
        context.OpenTask(kinds) is { } task && task.DueAt <= context.Now ? task : null;

    /// <summary>Pressed after the decision was taken: the card is replaced by who took it, when, and nothing changes.</summary>
    public CardActionResult AlreadyDone(RouteActionContext context, DossierEvent? done)
    {
        if (done is null)
        {
            return CardActionResult.Say("Deze vraag is niet meer open (de leerling is bijvoorbeeld beter gemeld, of de casus is gesloten). Er is niets veranderd.");
        }

        return CardActionResult.Replace(route.Cards.Done(
            $"Al afgehandeld: {ThuiszitterTexts.Describe(done) ?? EventDescriptions.Describe(done)}. Er is niets veranderd.",
            [new Fact("Leerling", context.Student.Label)],
            ThuiszitterTexts.Who(done, ThuiszitterTexts.OrganisationOf(done)),
            done.RecordedAt));
    }

    /// <summary>Stores the decision (immutable; the same event id is never stored twice) and lets the scheduler send what it makes due.</summary>
    public async Task RecordAsync(RouteActionContext context, DossierEvent fact, CancellationToken cancellationToken)
    {
        await route.RecordAsync(context, fact, cancellationToken).ConfigureAwait(false);
        sweep.Now();
    }

    /// <summary>The card replaced in place by the outcome: what was decided, by whom (role, organisation), when.</summary>
    public CardActionResult Done(RouteActionContext context, string title, params Fact[] facts) =>
        CardActionResult.Replace(route.Cards.Done(
            title,
            [new Fact("Leerling", context.Student.Label), .. facts],
            $"{Staff.PeopleNames.Name(context.Staff)} ({RoleNames.Dutch(context.Decision.Grant!.Role)}, {context.Decision.Grant.OrganisationId})",
            context.Now));

    /// <summary>Sends the case card at once to whoever holds <paramref name="role"/> for this student (e.g. the school when the case opens).</summary>
    public async Task<int> TellAsync(RouteActionContext context, Role role, DossierView dossier, string message, CancellationToken cancellationToken)
    {
        var people = await recipients.ForAsync(role, context.Student.SchoolId, context.Student.Id.Value, context.Student.Details, cancellationToken).ConfigureAwait(false);
        return await messenger.SendAsync(people, cards.Case(context.Student, dossier, context.Protocol, context.Now, new HashSet<Role> { role }, message), cancellationToken).ConfigureAwait(false);
    }

    public static Actor ActorOf(StaffMember staff, AccessDecision decision) => SickAbsenceService.ActorOf(staff, decision);

    public static Domain.Identity.EventId NewId() => SickAbsenceService.NewId();

    /// <summary>The roles the presser holds now, for which buttons a refreshed case card shows.</summary>
    public static IReadOnlySet<Role> RolesOf(RouteActionContext context) =>
        context.Staff.Actor.Grants.Where(g => g.IsValidAt(context.Now)).Select(g => g.Role).ToHashSet();
}
