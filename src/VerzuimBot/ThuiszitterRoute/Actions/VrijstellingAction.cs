using VerzuimBot.Access.Authorization;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Thuiszitter;
using VerzuimBot.Protocol.Texts;
using VerzuimBot.CardActions;

namespace VerzuimBot.ThuiszitterRoute.Actions;

/// <summary>
/// Vrijstelling 5a (002 §7, 000): leerplicht records the aanvraag → the jeugdarts investigates and puts it to the SWV
/// → the SWV answers whether passend onderwijs is possible → the jeugdarts advises leerplicht → leerplicht decides.
/// Each step is an immutable event with who, role, organisation and reason; the next role's card follows at once.
/// </summary>
internal sealed class VrijstellingAction(ThuiszitterActionSupport support) : ICardAction
{
    private static readonly Permit Leerplicht = new(AccessAction.DecideLeerplicht, Role.Leerplichtambtenaar);
    private static readonly Permit Jeugdarts = new(AccessAction.KernpartnerDecision, Role.Jeugdarts);
    private static readonly Permit Swv = new(AccessAction.KernpartnerDecision, Role.Swv);

    public IReadOnlyCollection<string> Verbs { get; } = ["vrijstelling.formulier", "vrijstelling.aanvraag", "vrijstelling.onderzoek", "vrijstelling.swv", "vrijstelling.advies", "vrijstelling.beschikking"];

    /// <summary>Each step is the one role's that owns it: the jeugdarts investigates and advises, the SWV answers, leerplicht receives and decides.</summary>
    public CardAccess Access(string verb) => CardAccess.Student(verb switch
    {
        "vrijstelling.onderzoek" or "vrijstelling.advies" => Jeugdarts,
        "vrijstelling.swv" => Swv,
        _ => Leerplicht,
    });

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data, verb) = (press.Context, press.Data, press.Verb);
        var decision = context.Decision;
        var procedure = VrijstellingProcedure.Current(context.Dossier);
        var reason = data.Text("reden", 500);
        return verb switch
        {
            "vrijstelling.formulier" or "vrijstelling.aanvraag" when procedure is { IsFinished: false } => support.AlreadyDone(context, procedure.Aanvraag),
            "vrijstelling.formulier" => CardActionResult.Replace(support.Cards.Decision(ThuiszitterTaskCards.VrijstellingAanvraag(context.Student, null), string.Empty, context.Student)),
            "vrijstelling.aanvraag" => await StepAsync(context, decision, VrijstellingStep.AanvraagOntvangen, null, reason, null, "Vrijstelling 5a: aanvraag vastgelegd",
                new Fact("Volgende stap", "de jeugdarts onderzoekt de aanvraag en legt die voor aan het SWV"), cancellationToken).ConfigureAwait(false),
            _ when ThuiszitterActionSupport.OpenTask(context, Kind(verb)) is null => support.AlreadyDone(context, procedure?.Steps.LastOrDefault(s => Answers(verb, s.Step)) ?? procedure?.Last),
            "vrijstelling.onderzoek" => await StepAsync(context, decision, VrijstellingStep.OnderzoekJeugdarts, null, reason, null, "Vrijstelling 5a: voorgelegd aan het SWV",
                new Fact("Volgende stap", "het SWV beoordeelt of passend onderwijs mogelijk is"), cancellationToken).ConfigureAwait(false),
            "vrijstelling.swv" => await SwvAsync(context, decision, data.Text("knop", 20), reason, cancellationToken).ConfigureAwait(false),
            "vrijstelling.advies" => await AdviceAsync(context, decision, data.Text("keuze", 20), reason, cancellationToken).ConfigureAwait(false),
            _ => await DecideAsync(context, decision, procedure!, data.Text("knop", 20), reason, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<CardActionResult> SwvAsync(RouteActionContext context, AccessDecision decision, string? choice, string? reason, CancellationToken cancellationToken)
    {
        if (choice is not ("mogelijk" or "niet-mogelijk"))
        {
            return CardActionResult.Say(RouteActionSupport.Incomplete);
        }

        if (reason is null)
        {
            return CardActionResult.Say("Geef een toelichting: welk passend aanbod is mogelijk, of waarom niet. Er is niets vastgelegd.");
        }

        var possible = choice == "mogelijk";
        return await StepAsync(context, decision, possible ? VrijstellingStep.SwvPassendOnderwijsMogelijk : VrijstellingStep.SwvGeenPassendOnderwijs, null, reason, null,
            possible ? "SWV: passend onderwijs mogelijk (geen vrijstelling)" : "SWV: geen passend onderwijs mogelijk",
            new Fact("Volgende stap", "de jeugdarts neemt dit mee in het advies aan leerplicht"), cancellationToken).ConfigureAwait(false);
    }

    private async Task<CardActionResult> AdviceAsync(RouteActionContext context, AccessDecision decision, string? choice, string? reason, CancellationToken cancellationToken)
    {
        if (choice is not ("geen" or "bepaald" or "onbepaald"))
        {
            return CardActionResult.Say("Kies je advies: geen vrijstelling, of vrijstelling voor bepaalde of onbepaalde tijd. Er is niets vastgelegd.");
        }

        var advises = choice != "geen";
        return await StepAsync(context, decision, VrijstellingStep.AdviesAanLeerplicht, advises ? choice == "onbepaald" : null, reason, advises,
            $"Advies aan leerplicht verstuurd: {(advises ? (choice == "onbepaald" ? "vrijstelling voor onbepaalde tijd" : "vrijstelling voor bepaalde tijd") : "geen vrijstelling")}",
            new Fact("Volgende stap", "leerplicht besluit over de aanvraag"), cancellationToken).ConfigureAwait(false);
    }

    private async Task<CardActionResult> DecideAsync(RouteActionContext context, AccessDecision decision, VrijstellingProcedure procedure, string? choice, string? reason, CancellationToken cancellationToken)
    {
        if (choice is not ("geen" or "bepaald" or "onbepaald"))
        {
            return CardActionResult.Say(RouteActionSupport.Incomplete);
        }

        var advice = procedure.Advice;
        var followsAdvice = advice is not null && (choice == "geen" ? advice.AdvisesVrijstelling != true : advice.AdvisesVrijstelling == true && (advice.Indefinite == true) == (choice == "onbepaald"));
        if (!followsAdvice && reason is null)
        {
            return CardActionResult.Say("Je besluit wijkt af van het advies van de jeugdarts: geef de reden. Er is niets vastgelegd.");
        }

        return choice == "geen"
            ? await StepAsync(context, decision, VrijstellingStep.VrijstellingNietVerleend, null, reason, null, "Geen vrijstelling verleend", new Fact("Advies jeugdarts", advice is null ? "onbekend" : ThuiszitterTexts.Advice(advice)), cancellationToken).ConfigureAwait(false)
            : await StepAsync(context, decision, VrijstellingStep.VrijstellingVerleend, choice == "onbepaald", reason, null,
                choice == "onbepaald" ? "Vrijstelling verleend voor onbepaalde tijd" : "Vrijstelling verleend voor bepaalde tijd",
                new Fact("SWV-doel", $"telt mee voor het doel van hoogstens {context.Protocol.Profile.Digest.VrijstellingGoal} vrijstellingen"), cancellationToken).ConfigureAwait(false);
    }

    private async Task<CardActionResult> StepAsync(
        RouteActionContext context, AccessDecision decision, VrijstellingStep step, bool? indefinite, string? reason, bool? advises, string title, Fact next, CancellationToken cancellationToken)
    {
        var organisation = decision.Grant!.OrganisationId;
        var fact = new VrijstellingStepRecorded(ThuiszitterActionSupport.NewId(), context.Now, ThuiszitterActionSupport.ActorOf(context.Staff, decision), step, indefinite, organisation, reason, advises);
        await support.RecordAsync(context, fact, cancellationToken).ConfigureAwait(false);
        return support.Done(context, title, [next, new Fact("Organisatie", organisation), .. reason is null ? Array.Empty<Fact>() : [new Fact("Toelichting", reason)]]);
    }

    private static TaskKind Kind(string verb) => verb switch
    {
        "vrijstelling.onderzoek" => TaskKind.VrijstellingOnderzoek,
        "vrijstelling.swv" => TaskKind.VrijstellingSwv,
        "vrijstelling.advies" => TaskKind.VrijstellingAdvies,
        _ => TaskKind.VrijstellingBeschikking,
    };

    /// <summary>Which recorded step answered the card of <paramref name="verb"/> (for "al afgehandeld").</summary>
    private static bool Answers(string verb, VrijstellingStep step) => verb switch
    {
        "vrijstelling.onderzoek" => step == VrijstellingStep.OnderzoekJeugdarts,
        "vrijstelling.swv" => step is VrijstellingStep.SwvPassendOnderwijsMogelijk or VrijstellingStep.SwvGeenPassendOnderwijs,
        "vrijstelling.advies" => step == VrijstellingStep.AdviesAanLeerplicht,
        _ => step is VrijstellingStep.VrijstellingVerleend or VrijstellingStep.VrijstellingNietVerleend,
    };
}
