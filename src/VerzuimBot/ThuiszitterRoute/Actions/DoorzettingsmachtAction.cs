using VerzuimBot.Access.Authorization;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Thuiszitter;
using VerzuimBot.Protocol.Texts;
using VerzuimBot.CardActions;

namespace VerzuimBot.ThuiszitterRoute.Actions;

/// <summary>
/// Doorzettingsmacht (002 Bijlage 2): when no passend aanbod is found, the SWV director escalates to the board chair or
/// the wethouder, who must give access within 10 werkdagen; the rules remind before and after that deadline. The SWV
/// closes it when access was given ("terug op school" or "passend aanbod gestart" ends it too).
/// </summary>
internal sealed class DoorzettingsmachtAction(ThuiszitterActionSupport support) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["doorzettingsmacht.formulier", "doorzettingsmacht.starten", "doorzettingsmacht.afgerond"];

    public CardAccess Access(string verb) => CardAccess.Student(new Permit(AccessAction.KernpartnerDecision, Role.Swv));

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data, verb) = (press.Context, press.Data, press.Verb);
        var running = ThuiszitterCards.Doorzettingsmacht(context.Dossier);
        var reason = data.Text("reden", 500);
        switch (verb)
        {
            case "doorzettingsmacht.formulier" when running is not null:
                return CardActionResult.Replace(support.Cards.Decision(ThuiszitterTaskCards.DoorzettingsmachtDeadline(null, context.Student, context.Dossier, context.Protocol, context.Now, null), string.Empty, context.Student));
            case "doorzettingsmacht.formulier":
                return CardActionResult.Replace(support.Cards.Decision(ThuiszitterTaskCards.DoorzettingsmachtStart(context.Student, context.Protocol, null), string.Empty, context.Student));
            case "doorzettingsmacht.starten" when running is not null:
                return support.AlreadyDone(context, running);
            case "doorzettingsmacht.starten":
                return await StartAsync(context, data.Text("keuze", 20), reason, cancellationToken).ConfigureAwait(false);
            default:
                if (running is null)
                {
                    var ended = context.Dossier.Events.LastOrDefault(e => e is DoorzettingsmachtResolved or ReturnedToSchool);
                    return support.AlreadyDone(context, ended);
                }

                if (reason is null)
                {
                    return CardActionResult.Say("Geef aan hoe het is opgelost (welke toegang is geregeld). Er is niets vastgelegd.");
                }

                var organisation = context.Decision.Grant!.OrganisationId;
                await support.RecordAsync(context, new DoorzettingsmachtResolved(ThuiszitterActionSupport.NewId(), context.Now, ThuiszitterActionSupport.ActorOf(context.Staff, context.Decision), context.Today, organisation, reason), cancellationToken).ConfigureAwait(false);
                return support.Done(context, "Doorzettingsmacht afgerond", new Fact("Gestart op", DutchDates.LongDate(running.Date)), new Fact("Opgelost", reason), new Fact("Organisatie", organisation));
        }
    }

    private async Task<CardActionResult> StartAsync(RouteActionContext context, string? choice, string? reason, CancellationToken cancellationToken)
    {
        DoorzettingsmachtRoute? route = choice switch
        {
            "bestuur" => DoorzettingsmachtRoute.BestuursvoorzitterSwv,
            "wethouder" => DoorzettingsmachtRoute.Wethouder,
            "beide" => DoorzettingsmachtRoute.BestuursvoorzitterEnWethouder,
            _ => null,
        };
        if (route is null || reason is null)
        {
            return CardActionResult.Replace(support.Cards.Decision(
                ThuiszitterTaskCards.DoorzettingsmachtStart(context.Student, context.Protocol, "Kies aan wie je het dossier voorlegt en geef de reden: waarom is er geen passend aanbod? Er is niets vastgelegd."),
                string.Empty, context.Student));
        }

        var decision = context.Decision;
        var organisation = decision.Grant!.OrganisationId;
        var days = context.Protocol.Profile.Thuiszitter.DoorzettingsmachtWorkingDays;
        var deadline = context.Protocol.Calendar.AddWorkingDays(context.Today, days);
        await support.RecordAsync(context, new DoorzettingsmachtStarted(ThuiszitterActionSupport.NewId(), context.Now, ThuiszitterActionSupport.ActorOf(context.Staff, decision), context.Today, organisation, route, reason), cancellationToken).ConfigureAwait(false);
        return support.Done(context, "Doorzettingsmacht gestart",
            new Fact("Voorgelegd aan", ThuiszitterTexts.To(route.Value)),
            new Fact("Reden", reason),
            new Fact("Toegang uiterlijk", $"{DutchDates.LongDate(deadline)} ({days} werkdagen)"),
            new Fact("Organisatie", organisation));
    }
}
