using System.Text.Json.Serialization;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Domain.Dossier;

/// <summary>
/// One fact in a student's dossier. Events are never changed: a mistake is put right with a
/// <see cref="EventRetracted"/> plus a new event ("herstel"). <see cref="RecordedAt"/> is when the
/// bot stored it; the dates inside are what the fact is about.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ZiekmeldingRecorded), "ziekmelding")]
[JsonDerivedType(typeof(BeterMeldingRecorded), "beter-melding")]
[JsonDerivedType(typeof(EventRetracted), "herstel")]
[JsonDerivedType(typeof(UnauthorisedHoursRecorded), "uren-ongeoorloofd")]
[JsonDerivedType(typeof(LateArrivalRecorded), "te-laat")]
[JsonDerivedType(typeof(LuxeverzuimRecorded), "luxeverzuim")]
[JsonDerivedType(typeof(UnauthorisedAbsenceStarted), "ongeoorloofd-afwezig")]
[JsonDerivedType(typeof(UnauthorisedAbsenceEnded), "weer-aanwezig")]
[JsonDerivedType(typeof(MentorContactRecorded), "mentorcontact")]
[JsonDerivedType(typeof(GesprekRecorded), "gesprek")]
[JsonDerivedType(typeof(JeugdartsAanmeldingSent), "aanmelding-jeugdarts")]
[JsonDerivedType(typeof(ConsultScheduled), "consult")]
[JsonDerivedType(typeof(TerugkoppelingReceived), "terugkoppeling")]
[JsonDerivedType(typeof(PlanVanAanpakAgreed), "plan-van-aanpak")]
[JsonDerivedType(typeof(PlanVanAanpakEvaluated), "evaluatie")]
[JsonDerivedType(typeof(LadderActionCompleted), "ladder-actie")]
[JsonDerivedType(typeof(SignaalverzuimReported), "signaalverzuim-gemeld")]
[JsonDerivedType(typeof(LeerplichtJudgementRecorded), "oordeel-leerplicht")]
[JsonDerivedType(typeof(ThuiszitterChecklistItemCompleted), "thuiszitter-checklist")]
[JsonDerivedType(typeof(KernpartnerDecisionRecorded), "besluit")]
[JsonDerivedType(typeof(OverlegActionAgreed), "overleg-actie")]
[JsonDerivedType(typeof(OverlegActionCompleted), "overleg-actie-afgerond")]
[JsonDerivedType(typeof(VrijstellingStepRecorded), "vrijstelling")]
[JsonDerivedType(typeof(DoorzettingsmachtStarted), "doorzettingsmacht")]
[JsonDerivedType(typeof(DoorzettingsmachtResolved), "doorzettingsmacht-afgerond")]
[JsonDerivedType(typeof(ReturnedToSchool), "terug-op-school")]
[JsonDerivedType(typeof(LeerplichtMeldingRecorded), "melding-leerplicht")]
[JsonDerivedType(typeof(SchorsingRecorded), "schorsing")]
[JsonDerivedType(typeof(ExtraVerlofRequested), "verlof-aanvraag")]
[JsonDerivedType(typeof(ExtraVerlofDecided), "verlof-besluit")]
[JsonDerivedType(typeof(AuthorisedAbsenceRecorded), "geoorloofd-afwezig")]
[JsonDerivedType(typeof(FiveYearOldExtraHoursAgreed), "vijfjarige-extra-uren")]
[JsonDerivedType(typeof(LeftWithoutStartkwalificatie), "vsv")]
public abstract record DossierEvent(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy);

/// <summary>Stap 1 (002 Bijlage 1): a parent reports the student sick; the two answers the protocol asks for.</summary>
/// <param name="FirstDay">First day of absence.</param>
/// <param name="ExpectedReturn">"Wanneer denkt u dat uw kind weer naar school kan komen?" — null when unknown.</param>
/// <param name="ParentWillContactMentor">"Als dat toch niet lukt, wilt u dan zelf contact opnemen met de mentor?"</param>
public sealed record ZiekmeldingRecorded(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly FirstDay, DateOnly? ExpectedReturn, bool ParentWillContactMentor)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>The student is better; <paramref name="BackOn"/> is the first day back at school.</summary>
public sealed record BeterMeldingRecorded(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly BackOn)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>"Herstel": an earlier event no longer counts. The correct fact, if any, is a new event.</summary>
public sealed record EventRetracted(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, EventId Retracted, string Reason)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>Hours of (presumably) unauthorised absence on one day (004 Verzuimschema).</summary>
public sealed record UnauthorisedHoursRecorded(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly Date, int Hours)
    : DossierEvent(Id, RecordedAt, RecordedBy);

public sealed record LateArrivalRecorded(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly Date)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>Extra holiday without leave (002 §3): one day or more means a DUO melding.</summary>
public sealed record LuxeverzuimRecorded(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly First, DateOnly Last)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>
/// "Ongeoorloofd afwezig vanaf": the student stays away whole school days without a valid reason (or without any
/// word), from <paramref name="FirstDay"/> until an <see cref="UnauthorisedAbsenceEnded"/>. Each school day of it
/// counts on the hours ladder as a full day of lessons, and towards four weeks away (004 Werkwijzer punt 2).
/// </summary>
public sealed record UnauthorisedAbsenceStarted(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly FirstDay)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>"Weer aanwezig": the student is back; <paramref name="BackOn"/> is the first day at school again.</summary>
public sealed record UnauthorisedAbsenceEnded(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly BackOn)
    : DossierEvent(Id, RecordedAt, RecordedBy);

public enum ContactChannel
{
    Telefoon = 1,
    Mail,
}

/// <summary>Stap 2: the mentor's answer on the reminder card: contact gehad, or niet bereikt.</summary>
public sealed record MentorContactRecorded(
    EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, bool Reached, DateOnly? ContactDate, ContactChannel? Channel, string? Note, DateOnly? ExpectedReturn, bool Concerns)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>The three outcomes of the gesprek at zorgwekkend verzuim (002 Bijlage 1, stap 3).</summary>
public enum GesprekOutcome
{
    /// <summary>Reden duidelijk, geen extra zorg nodig, of intern zorgtraject volstaat.</summary>
    Monitoring = 1,

    /// <summary>Ongeoorloofd verzuim: leerplicht inschakelen.</summary>
    Ongeoorloofd,

    /// <summary>Advies van de jeugdarts nodig: stap 4.</summary>
    AdviesJeugdarts,
}

public sealed record GesprekRecorded(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly Date, GesprekOutcome Outcome)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>Stap 4: the aanmeldingsformulier went to the GGD (who sent it and when is the event itself).</summary>
public sealed record JeugdartsAanmeldingSent(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly Date, string Hulpvraag, string AlGedaan, DateOnly? BesprokenMetOudersOp)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>Stap 5: the jeugdarts' consult date.</summary>
public sealed record ConsultScheduled(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly ConsultDate)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>Formulier terugkoppeling (002 Bijlage 1): resultaat van de uitnodiging.</summary>
public enum InvitationResult
{
    OuderEnLeerlingVerschenen = 1,
    LeerlingVerschenenOudersNiet,
    TelefonischContactMetOuder,
    OuderVerschenenLeerlingNiet,
    NietVerschenenMetAfmelding,
    NietVerschenenZonderAfmelding,
}

/// <summary>Formulier terugkoppeling: conclusie.</summary>
public enum ConsultConclusion
{
    KanVolledigDeelnemen = 1,
    KanDeelsDeelnemen,
    KanNietDeelnemen,
    NogGeenConclusie,
}

/// <summary>Formulier terugkoppeling: advies vervolgtraject; remembered, it changes what the next ziekmelding triggers.</summary>
public enum FollowUpAdvice
{
    /// <summary>Bij eerstvolgende ziekmelding melden bij leerplicht.</summary>
    NextZiekmeldingToLeerplicht = 1,

    /// <summary>Bij eerstvolgende ziekmelding opnieuw aanmelden bij de jeugdarts.</summary>
    NextZiekmeldingToJeugdarts,

    /// <summary>Opnieuw melden bij de jeugdarts bij opnieuw meer dan 5 dagen achter elkaar of 5 dagen in een maand.</summary>
    ReferAgainAtWorryingAbsence,

    /// <summary>Anders.</summary>
    Other,
}

/// <summary>Stap 5: the jeugdarts' terugkoppeling. Only what the form shares with the school is stored (beroepsgeheim).</summary>
public sealed record TerugkoppelingReceived(
    EventId Id,
    DateTimeOffset RecordedAt,
    Actor RecordedBy,
    InvitationResult Result,
    DateOnly? PhoneContactDate,
    ConsultConclusion Conclusion,
    bool ConsentToShare,
    string? InformationForSchool,
    string? Agreements,
    IReadOnlyList<string> Actions,
    FollowUpAdvice Advice,
    string? AdviceOther)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>Stap 6 / thuiszitter route: a plan van aanpak with a named regie-/contactpersoon.</summary>
public sealed record PlanVanAanpakAgreed(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly Date, StaffId Regiepersoon)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>002 §4: "wordt het plan van aanpak opgevolgd?"</summary>
public sealed record PlanVanAanpakEvaluated(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly Date, bool PlanFollowed, bool PlanClosed)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>A ladder action ticked off; the bot never files with DUO itself, it records who did and the reference.</summary>
/// <param name="LateArrivals">The rung is on the profile's own late-arrival ladder (<paramref name="RungHours"/> then counts times late).</param>
public sealed record LadderActionCompleted(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, int RungHours, string Action, string? DuoReference, bool LateArrivals = false)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>The 16-hours-in-4-weeks melding was made (at DUO or, for PO/VSO, at leerplicht); a new window starts after it.</summary>
public sealed record SignaalverzuimReported(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly ReportedOn, string? DuoReference)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>004: the leerplichtambtenaar's judgement "thuiszitter volgens de definitie?" ("nee" comes with a reason).</summary>
/// <param name="Organisation">The organisation whose role made the decision (e.g. the RBL); null in events stored before it was kept.</param>
public sealed record LeerplichtJudgementRecorded(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, bool IsThuiszitter, string? Reason, string? Organisation = null)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>One item of the thuiszitter checklist done (004 Werkwijzer), e.g. the regie-/contactpersoon of the plan van aanpak in <paramref name="Note"/>.</summary>
public sealed record ThuiszitterChecklistItemCompleted(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, string Item, string? Organisation = null, string? Note = null)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>A kernpartner decision (domain.md §6): who, role, organisation, choice, reason.</summary>
public sealed record KernpartnerDecisionRecorded(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, string Organisation, string Question, string Choice, string? Reason)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>An action agreed in a kernpartneroverleg, with owner and due date.</summary>
public sealed record OverlegActionAgreed(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, string ActionId, string Description, Role Owner, DateOnly Due)
    : DossierEvent(Id, RecordedAt, RecordedBy);

public sealed record OverlegActionCompleted(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, string ActionId)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>Vrijstelling 5a (002 §7, 000): aanvraag → onderzoek jeugdarts → SWV → advies aan leerplicht.</summary>
public enum VrijstellingStep
{
    AanvraagOntvangen = 1,
    OnderzoekJeugdarts,
    SwvPassendOnderwijsMogelijk,
    SwvGeenPassendOnderwijs,
    AdviesAanLeerplicht,
    VrijstellingVerleend,

    /// <summary>Leerplicht gave no vrijstelling (the advice was against it, or leerplicht decided otherwise).</summary>
    VrijstellingNietVerleend,
}

/// <summary>One step of the vrijstelling 5a procedure, with who decided it for which organisation and why.</summary>
/// <param name="Indefinite">For <see cref="VrijstellingStep.VrijstellingVerleend"/> (and an advice for one): onbepaalde tijd (type 2) or bepaalde tijd (type 1).</param>
/// <param name="AdvisesVrijstelling">For <see cref="VrijstellingStep.AdviesAanLeerplicht"/>: whether the jeugdarts advises a vrijstelling.</param>
/// <param name="Until">
/// For a vrijstelling voor bepaalde tijd: its last day as the beschikking states it; null means the profile's term ("in principe
/// voor één jaar", 002 §7) from the day it was granted.
/// </param>
public sealed record VrijstellingStepRecorded(
    EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, VrijstellingStep Step, bool? Indefinite, string? Organisation = null, string? Reason = null, bool? AdvisesVrijstelling = null, DateOnly? Until = null)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>To whom the SWV director escalates (002 Bijlage 2).</summary>
public enum DoorzettingsmachtRoute
{
    /// <summary>The chair of the SWV board (or a mandated person): access to a passende onderwijssetting.</summary>
    BestuursvoorzitterSwv = 1,

    /// <summary>The responsible wethouder: access to the passend zorgaanbod the experts advised.</summary>
    Wethouder,

    /// <summary>A passend onderwijszorgarrangement: a solution-oriented talk of the board chair, the bevoegd gezag and the wethouder.</summary>
    BestuursvoorzitterEnWethouder,
}

/// <summary>002 Bijlage 2: the SWV director escalates; access must be given within 10 werkdagen.</summary>
public sealed record DoorzettingsmachtStarted(
    EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly Date, string? Organisation = null, DoorzettingsmachtRoute? EscalatedTo = null, string? Reason = null)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>Access was given (or the escalation ended otherwise); <paramref name="Outcome"/> says how.</summary>
public sealed record DoorzettingsmachtResolved(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly Date, string? Organisation = null, string? Outcome = null)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>"Terug op school" or "passend aanbod gestart": ends a thuiszitter case (for doorloopsnelheid).</summary>
public sealed record ReturnedToSchool(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly Date, bool PassendAanbod, string? Organisation = null, string? Note = null)
    : DossierEvent(Id, RecordedAt, RecordedBy);

public enum LeerplichtMeldingReason
{
    /// <summary>Gesprek at zorgwekkend verzuim concluded: ongeoorloofd (002 Bijlage 1, stap 3 uitkomst 2).</summary>
    OngeoorloofdNaGesprek = 1,

    /// <summary>Advies vervolgtraject of the jeugdarts: at the next ziekmelding, report to leerplicht.</summary>
    AdviesJeugdarts,

    /// <summary>Luxeverzuim: extra holiday without leave (002 §3).</summary>
    Luxeverzuim,

    /// <summary>A schorsing: formally vrijgesteld, "maar ook hiervan moet Leerplicht op de hoogte worden gebracht" (002 §1.3.1).</summary>
    Schorsing,

    /// <summary>Verzuim of a student past leerplicht and kwalificatieplicht, reported to the RMC contact (profile "naLeerplicht": "rmc").</summary>
    Rmc,
}

/// <summary>The school reported to leerplicht (DUO-verzuimloket or directly) for the given reason; the bot only records it.</summary>
/// <param name="Anchor">The anchor of the task the melding answers, where one melding per task counts (an RMC melding); null otherwise.</param>
public sealed record LeerplichtMeldingRecorded(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, LeerplichtMeldingReason Reason, string? Reference, string? Anchor = null)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>
/// A schorsing (002 §1.3.1): the student is formally vrijgesteld on these days, so they are no verzuim, "maar ook hiervan moet
/// Leerplicht op de hoogte worden gebracht". <paramref name="First"/> and <paramref name="Last"/> are both included.
/// </summary>
public sealed record SchorsingRecorded(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly First, DateOnly Last, string? Reason)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>
/// A written request of the parents for extra verlof (002 §1.3.1 "Vakantie"): <paramref name="First"/> to <paramref name="Last"/>
/// (both included), asked on <paramref name="RequestedOn"/>, for <paramref name="Reason"/> (e.g. the parent's profession).
/// </summary>
public sealed record ExtraVerlofRequested(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly First, DateOnly Last, DateOnly RequestedOn, string Reason)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>The school's decision on an extra-verlof request ("De aanvraag wordt door de school beoordeeld", 002 §1.3.1).</summary>
public sealed record ExtraVerlofDecided(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, EventId Request, bool Granted, string? Reason)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>The reasons of geoorloofd verzuim other than illness (002 §1.3.1), recorded so they never count as verzuim.</summary>
public enum AuthorisedAbsenceReason
{
    /// <summary>"Verzuim met reden (doktersbezoek, tandarts, hulpverlening etc.)", with a note handed in beforehand.</summary>
    DokterOfHulpverlening = 1,

    /// <summary>"Een religieuze feestdag": obligations of a religion (one official day off).</summary>
    ReligieuzeFeestdag,

    /// <summary>"Een huwelijk".</summary>
    Huwelijk,

    /// <summary>"Een begrafenis".</summary>
    Begrafenis,
}

/// <summary>
/// Geoorloofd afwezig for a reason of 002 §1.3.1 other than illness: <paramref name="First"/> to <paramref name="Last"/> (both
/// included), whole days, or <paramref name="Hours"/> lesuren on a single day. Never verzuim: not on the ladder, not away.
/// </summary>
public sealed record AuthorisedAbsenceRecorded(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly First, DateOnly Last, AuthorisedAbsenceReason Reason, int? Hours, string? Note)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>
/// The directeur agreed that the parents of a 5-year-old keep the child at home for up to the profile's extra hours a week on
/// top of the hours they may without asking (002 §1.1 footnote 4: "in overleg met de schooldirecteur ... maximaal 10 uur per week").
/// </summary>
public sealed record FiveYearOldExtraHoursAgreed(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly From)
    : DossierEvent(Id, RecordedAt, RecordedBy);

/// <summary>
/// Type 7 of 002 §2.2, "na de middelbare school (VSV)": the student left school (uitgeschreven, diploma without startkwalificatie,
/// or dropped out) on <paramref name="LeftOn"/> without a startkwalificatie and without a new school; RBL/RMC follows it (002 §8.1).
/// </summary>
public sealed record LeftWithoutStartkwalificatie(EventId Id, DateTimeOffset RecordedAt, Actor RecordedBy, DateOnly LeftOn, string? Organisation = null)
    : DossierEvent(Id, RecordedAt, RecordedBy);
