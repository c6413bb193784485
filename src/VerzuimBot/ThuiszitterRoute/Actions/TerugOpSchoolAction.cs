using VerzuimBot.Access.Authorization;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Thuiszitter;
using VerzuimBot.CardActions;

namespace VerzuimBot.ThuiszitterRoute.Actions;

/// <summary>
/// "Terug op school" or "passend aanbod gestart" (domain.md §7) closes the thuiszitter case: the checklist stops, a
/// running doorzettingsmacht ends, and the SWV counts the case towards doorloopsnelheid.
/// </summary>
internal sealed class TerugOpSchoolAction(ThuiszitterActionSupport support) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["thuiszitter.terug"];

    public CardAccess Access(string verb) => CardAccess.Student(new Permit(AccessAction.LogBeterMelding, Role.Zorgcoordinator), new Permit(AccessAction.LogBeterMelding, Role.Verzuimcoordinator));

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data) = (press.Context, press.Data);
        var decision = context.Decision;
        var choice = data.Text("knop", 20);
        if (choice is not ("terug" or "passend-aanbod"))
        {
            return CardActionResult.Say(RouteActionSupport.Incomplete);
        }

        if (context.Dossier.OpenThuiszitterCase(context.Protocol.Profile.Thuiszitter) is null)
        {
            return support.AlreadyDone(context, context.Dossier.EndedThuiszitterCases().LastOrDefault()?.EndedBy);
        }

        var passend = choice == "passend-aanbod";
        var note = data.Text("toelichting", 200);
        var organisation = decision.Grant!.OrganisationId;
        await support.RecordAsync(context, new ReturnedToSchool(ThuiszitterActionSupport.NewId(), context.Now, ThuiszitterActionSupport.ActorOf(context.Staff, decision), context.Today, passend, organisation, note), cancellationToken).ConfigureAwait(false);
        return support.Done(context, passend ? "Thuiszitterscasus gesloten: passend aanbod gestart" : "Thuiszitterscasus gesloten: terug op school",
            [
                new Fact("Datum", DutchDates.LongDate(context.Today)),
                new Fact("Organisatie", organisation),
                .. note is null ? Array.Empty<Fact>() : [new Fact("Toelichting", note)],
                .. passend || context.Dossier.CurrentSickPeriod is null ? Array.Empty<Fact>() : [new Fact("Ook beter melden", $"typ \"beter {context.Student.Details.Leerlingnummer}\" om de afwezigheid te beëindigen")],
            ]);
    }
}
