using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Language;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Protocol.Texts;

/// <summary>Short Dutch descriptions of the route's decisions, for "al afgehandeld" and the case card.</summary>
internal static class ThuiszitterTexts
{
    /// <summary>Null for events that are not this route's.</summary>
    public static string? Describe(DossierEvent fact) => fact switch
    {
        LeerplichtJudgementRecorded { IsThuiszitter: true } => "Oordeel leerplicht: thuiszitter volgens de definitie",
        LeerplichtJudgementRecorded j => $"Oordeel leerplicht: geen thuiszitter ({j.Reason})",
        ThuiszitterChecklistItemCompleted c => $"Checklist thuiszitter: {c.Item}",
        VrijstellingStepRecorded v => $"Vrijstelling 5a: {Step(v)}",
        DoorzettingsmachtStarted d => $"Doorzettingsmacht gestart op {DutchDates.ShortDate(d.Date)}{(d.EscalatedTo is { } to ? ", voorgelegd aan " + To(to) : string.Empty)}",
        DoorzettingsmachtResolved r => $"Doorzettingsmacht afgerond op {DutchDates.ShortDate(r.Date)}{(r.Outcome is { } o ? ": " + o : string.Empty)}",
        ReturnedToSchool { PassendAanbod: true } r => $"Passend aanbod gestart op {DutchDates.ShortDate(r.Date)}",
        ReturnedToSchool r => $"Terug op school op {DutchDates.ShortDate(r.Date)}",
        _ => null,
    };

    /// <summary>How a thuiszitter case ended, for the closed case's card.</summary>
    public static string Ended(EndedThuiszitterCase ended) => ended.EndedBy switch
    {
        BeterMeldingRecorded b => $"Beter gemeld, terug op school op {DutchDates.ShortDate(b.BackOn)}",
        UnauthorisedAbsenceEnded w => $"Weer aanwezig op {DutchDates.ShortDate(w.BackOn)}",
        var fact => Describe(fact) ?? $"Terug op school op {DutchDates.ShortDate(ended.BackOn)}",
    };

    /// <summary>Said when a beter-melding or "weer aanwezig" ended the open thuiszitter case (<see cref="DossierView.EndedThuiszitterCases"/>); null when it did not.</summary>
    public static string? ClosedByReturn(DossierView before, DossierView after, ThuiszitterRules rules) =>
        before.OpenThuiszitterCase(rules) is not null && after.OpenThuiszitterCase(rules) is null
            ? "Daarmee is de thuiszitterscasus gesloten: terug op school."
            : null;

    public static string Step(VrijstellingStepRecorded step) => step.Step switch
    {
        VrijstellingStep.AanvraagOntvangen => "aanvraag ontvangen door leerplicht",
        VrijstellingStep.OnderzoekJeugdarts => "onderzoek door de jeugdarts, voorgelegd aan het SWV",
        VrijstellingStep.SwvPassendOnderwijsMogelijk => "SWV: passend onderwijs mogelijk",
        VrijstellingStep.SwvGeenPassendOnderwijs => "SWV: geen passend onderwijs mogelijk",
        VrijstellingStep.AdviesAanLeerplicht => $"advies jeugdarts aan leerplicht: {Advice(step)}",
        VrijstellingStep.VrijstellingVerleend => step.Indefinite == true ? "vrijstelling verleend voor onbepaalde tijd" : "vrijstelling verleend voor bepaalde tijd",
        VrijstellingStep.VrijstellingNietVerleend => "geen vrijstelling verleend",
        _ => step.Step.ToString(),
    };

    public static string Advice(VrijstellingStepRecorded advice) => advice.AdvisesVrijstelling switch
    {
        true when advice.Indefinite == true => "vrijstelling voor onbepaalde tijd",
        true => "vrijstelling voor bepaalde tijd",
        _ => "geen vrijstelling",
    };

    public static string To(DoorzettingsmachtRoute route) => route switch
    {
        DoorzettingsmachtRoute.BestuursvoorzitterSwv => "de voorzitter van het bestuur van het SWV",
        DoorzettingsmachtRoute.Wethouder => "de verantwoordelijk wethouder",
        _ => "de bestuursvoorzitter van het SWV en de wethouder",
    };

    /// <summary>"lotte@rbl.example.nl (leerplichtambtenaar, RBL-DEMO)": who decided, in which role, for which organisation.</summary>
    public static string Who(DossierEvent fact, string? organisation) =>
        $"{fact.RecordedBy.ShownName} ({RoleNames.Dutch(fact.RecordedBy.Role)}{(organisation is null ? string.Empty : ", " + organisation)})";

    public static string? OrganisationOf(DossierEvent fact) => fact switch
    {
        LeerplichtJudgementRecorded j => j.Organisation,
        ThuiszitterChecklistItemCompleted c => c.Organisation,
        VrijstellingStepRecorded v => v.Organisation,
        DoorzettingsmachtStarted d => d.Organisation,
        DoorzettingsmachtResolved r => r.Organisation,
        ReturnedToSchool r => r.Organisation,
        _ => null,
    };
}
