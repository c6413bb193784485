using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Language;

namespace VerzuimBot.Protocol.Texts;

/// <summary>Short Dutch descriptions of dossier events, for the herstel card and "al afgehandeld".</summary>
internal static class EventDescriptions
{
    public static string Describe(DossierEvent fact) => fact switch
    {
        ZiekmeldingRecorded z => $"Ziekmelding vanaf {DutchDates.ShortDate(z.FirstDay)}",
        BeterMeldingRecorded b => $"Beter-melding, terug op {DutchDates.ShortDate(b.BackOn)}",
        MentorContactRecorded { Reached: true } m => $"Mentorcontact gehad{(m.ContactDate is { } d ? " op " + DutchDates.ShortDate(d) : string.Empty)}",
        MentorContactRecorded => "Mentor: niet bereikt",
        GesprekRecorded g => $"Gesprek met ouders op {DutchDates.ShortDate(g.Date)}: {Outcome(g.Outcome)}",
        JeugdartsAanmeldingSent a => $"Aanmelding jeugdarts op {DutchDates.ShortDate(a.Date)}",
        ConsultScheduled c => $"Consult jeugdarts op {DutchDates.ShortDate(c.ConsultDate)}",
        TerugkoppelingReceived => "Terugkoppeling jeugdarts",
        PlanVanAanpakAgreed p => $"Plan van aanpak vanaf {DutchDates.ShortDate(p.Date)}",
        PlanVanAanpakEvaluated e => $"Evaluatie plan van aanpak op {DutchDates.ShortDate(e.Date)}: {(e.PlanFollowed ? "opgevolgd" : "niet opgevolgd")}",
        LeerplichtMeldingRecorded => "Melding bij leerplicht",
        UnauthorisedHoursRecorded u => $"{u.Hours} uur ongeoorloofd op {DutchDates.ShortDate(u.Date)}",
        LateArrivalRecorded l => $"Te laat op {DutchDates.ShortDate(l.Date)}",
        LuxeverzuimRecorded l => $"Luxeverzuim van {DutchDates.ShortDate(l.First)} tot en met {DutchDates.ShortDate(l.Last)}",
        UnauthorisedAbsenceStarted u => $"Ongeoorloofd afwezig vanaf {DutchDates.ShortDate(u.FirstDay)}",
        UnauthorisedAbsenceEnded u => $"Weer aanwezig vanaf {DutchDates.ShortDate(u.BackOn)}",
        LadderActionCompleted l => $"Verzuimladder {l.RungHours} uur: {l.Action}{(l.DuoReference is { } r ? $" (kenmerk {r})" : string.Empty)}",
        SignaalverzuimReported s => $"Signaalverzuim gemeld op {DutchDates.ShortDate(s.ReportedOn)}{(s.DuoReference is { } r ? $" (kenmerk {r})" : string.Empty)}",
        KernpartnerDecisionRecorded k => $"Besluit {k.Organisation}: {k.Question} {k.Choice}",
        OverlegActionAgreed a => $"Actie uit het overleg: {a.Description} (uiterlijk {DutchDates.ShortDate(a.Due)})",
        OverlegActionCompleted => "Actie uit het overleg afgerond",
        _ => ThuiszitterTexts.Describe(fact) ?? fact.GetType().Name,
    };

    public static string Outcome(GesprekOutcome outcome) => outcome switch
    {
        GesprekOutcome.Monitoring => "monitoren",
        GesprekOutcome.Ongeoorloofd => "ongeoorloofd verzuim, leerplicht inschakelen",
        GesprekOutcome.AdviesJeugdarts => "advies jeugdarts nodig",
        _ => outcome.ToString(),
    };
}
