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
        _ => fact.GetType().Name,
    };

    public static string Outcome(GesprekOutcome outcome) => outcome switch
    {
        GesprekOutcome.Monitoring => "monitoren",
        GesprekOutcome.Ongeoorloofd => "ongeoorloofd verzuim, leerplicht inschakelen",
        GesprekOutcome.AdviesJeugdarts => "advies jeugdarts nodig",
        _ => outcome.ToString(),
    };
}
