using VerzuimBot.Access.Authorization;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Thuiszitter;
using VerzuimBot.CardActions;

namespace VerzuimBot.ThuiszitterRoute.Actions;

/// <summary>
/// 004 Werkwijzer: after four weeks away the leerplichtambtenaar of the woongemeente judges "thuiszitter volgens de
/// definitie?". Ja opens the case: the card becomes the case with leerplicht's checklist, and the school's
/// zorgcoördinator gets the case card at once. Nee needs a reason.
/// </summary>
internal sealed class LeerplichtOordeelAction(ThuiszitterActionSupport support) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["thuiszitter.oordeel"];

    public CardAccess Access(string verb) => CardAccess.Student(new Permit(AccessAction.DecideLeerplicht, Role.Leerplichtambtenaar));

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data) = (press.Context, press.Data);
        var decision = context.Decision;
        if (ThuiszitterActionSupport.OpenTask(context, TaskKind.LeerplichtJudgement) is null)
        {
            return support.AlreadyDone(context, context.Dossier.Of<LeerplichtJudgementRecorded>().LastOrDefault());
        }

        var choice = data.Text("knop", 10);
        var reason = data.Text("reden", 500);
        if (choice is not ("ja" or "nee"))
        {
            return CardActionResult.Say(RouteActionSupport.Incomplete);
        }

        if (choice == "nee" && reason is null)
        {
            return CardActionResult.Say("Geef bij \"nee\" de reden: waarom is dit geen thuiszitter volgens de definitie? Er is niets vastgelegd.");
        }

        var organisation = decision.Grant!.OrganisationId;
        var fact = new LeerplichtJudgementRecorded(ThuiszitterActionSupport.NewId(), context.Now, ThuiszitterActionSupport.ActorOf(context.Staff, decision), choice == "ja", reason, organisation);
        await support.RecordAsync(context, fact, cancellationToken).ConfigureAwait(false);
        if (choice == "nee")
        {
            return support.Done(context, "Geen thuiszitter volgens de definitie", new Fact("Oordeel", "nee"), new Fact("Reden", reason!), new Fact("Organisatie", organisation));
        }

        // The case is open: leerplicht sees it with its own side of the checklist; the school is told at once.
        var after = DossierView.From(context.Student.Id, context.Dossier.Events.Append(fact));
        var told = await support.TellAsync(context, Role.Zorgcoordinator, after, "Leerplicht oordeelt: thuiszitter volgens de definitie. De thuiszitterscasus is geopend: werk de checklist van de school af.", cancellationToken).ConfigureAwait(false);
        var school = told > 0 ? "de zorgcoördinator van de school heeft de checklist gekregen" : "de school krijgt de checklist bij de eerstvolgende herinnering";
        return CardActionResult.Replace(support.Cards.Case(context.Student, after, context.Protocol, context.Now, ThuiszitterActionSupport.RolesOf(context),
            $"Oordeel vastgelegd: thuiszitter volgens de definitie ({Staff.PeopleNames.Name(context.Staff)}, leerplichtambtenaar, {organisation}). De casus is geopend; {school}."));
    }
}
