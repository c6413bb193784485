using VerzuimBot.Domain.Dossier;

namespace VerzuimBot.SickRoute;

/// <summary>Short Dutch descriptions of dossier events, for the herstel card and "al afgehandeld".</summary>
internal static class EventDescriptions
{
    public static string Describe(DossierEvent fact) => fact switch
    {
        ZiekmeldingRecorded z => $"Ziekmelding vanaf {RouteCards.ShortDate(z.FirstDay)}",
        BeterMeldingRecorded b => $"Beter-melding, terug op {RouteCards.ShortDate(b.BackOn)}",
        MentorContactRecorded { Reached: true } m => $"Mentorcontact gehad{(m.ContactDate is { } d ? " op " + RouteCards.ShortDate(d) : string.Empty)}",
        MentorContactRecorded => "Mentor: niet bereikt",
        GesprekRecorded g => $"Gesprek met ouders op {RouteCards.ShortDate(g.Date)}: {Outcome(g.Outcome)}",
        JeugdartsAanmeldingSent a => $"Aanmelding jeugdarts op {RouteCards.ShortDate(a.Date)}",
        ConsultScheduled c => $"Consult jeugdarts op {RouteCards.ShortDate(c.ConsultDate)}",
        TerugkoppelingReceived => "Terugkoppeling jeugdarts",
        PlanVanAanpakAgreed p => $"Plan van aanpak vanaf {RouteCards.ShortDate(p.Date)}",
        PlanVanAanpakEvaluated e => $"Evaluatie plan van aanpak op {RouteCards.ShortDate(e.Date)}: {(e.PlanFollowed ? "opgevolgd" : "niet opgevolgd")}",
        LeerplichtMeldingRecorded => "Melding bij leerplicht",
        UnauthorisedHoursRecorded u => $"{u.Hours} uur ongeoorloofd op {RouteCards.ShortDate(u.Date)}",
        LateArrivalRecorded l => $"Te laat op {RouteCards.ShortDate(l.Date)}",
        LuxeverzuimRecorded l => $"Luxeverzuim van {RouteCards.ShortDate(l.First)} tot en met {RouteCards.ShortDate(l.Last)}",
        UnauthorisedAbsenceStarted u => $"Ongeoorloofd afwezig vanaf {RouteCards.ShortDate(u.FirstDay)}",
        UnauthorisedAbsenceEnded u => $"Weer aanwezig vanaf {RouteCards.ShortDate(u.BackOn)}",
        LadderActionCompleted l => $"Verzuimladder {l.RungHours} uur: {l.Action}{(l.DuoReference is { } r ? $" (kenmerk {r})" : string.Empty)}",
        SignaalverzuimReported s => $"Signaalverzuim gemeld op {RouteCards.ShortDate(s.ReportedOn)}{(s.DuoReference is { } r ? $" (kenmerk {r})" : string.Empty)}",
        KernpartnerDecisionRecorded k => $"Besluit {k.Organisation}: {k.Question} {k.Choice}",
        OverlegActionAgreed a => $"Actie uit het overleg: {a.Description} (uiterlijk {RouteCards.ShortDate(a.Due)})",
        OverlegActionCompleted => "Actie uit het overleg afgerond",
        _ => ThuiszitterRoute.ThuiszitterTexts.Describe(fact) ?? fact.GetType().Name,
    };

    public static string Outcome(GesprekOutcome outcome) => outcome switch
    {
        GesprekOutcome.Monitoring => "monitoren",
        GesprekOutcome.Ongeoorloofd => "ongeoorloofd verzuim, leerplicht inschakelen",
        GesprekOutcome.AdviesJeugdarts => "advies jeugdarts nodig",
        _ => outcome.ToString(),
    };
}
