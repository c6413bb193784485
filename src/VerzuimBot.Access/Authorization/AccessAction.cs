namespace VerzuimBot.Access.Authorization;

/// <summary>What someone tries to do. Every command, query, card and card action maps to one.</summary>
public enum AccessAction
{
    /// <summary>Who is absent and since when, without medical detail or notes.</summary>
    ViewAbsenceOverview = 1,

    /// <summary>The case with its details (notes, terugkoppeling, decisions).</summary>
    ViewDossier,
    LogZiekmelding,
    LogBeterMelding,

    /// <summary>Hours of ongeoorloofd verzuim, te laat, luxeverzuim.</summary>
    LogUnauthorisedAbsence,
    CompleteLadderAction,
    AnswerMentorCard,
    RecordGesprek,
    AanmeldingJeugdarts,

    /// <summary>The school reports the case to leerplicht; also subject to <see cref="LeerplichtReportRule"/>.</summary>
    ReportToLeerplicht,

    /// <summary>"Thuiszitter volgens de definitie?" and the leerplicht interventions.</summary>
    DecideLeerplicht,
    JeugdartsTerugkoppeling,
    EvaluatePlanVanAanpak,

    /// <summary>A kernpartner decision on a case (overleg gewenst, vrijstelling steps, ...).</summary>
    KernpartnerDecision,

    /// <summary>Aggregated SWV digest (no student context).</summary>
    ViewSwvDigest,
    ViewAuditTrail,
    InzageExport,
    DeleteStudentData,

    /// <summary>A schorsing (002 §1.3.1): recorded by the school's verzuimcoördinator or zorgcoördinator.</summary>
    RecordSchorsing,

    /// <summary>Geoorloofd verzuim other than illness and a request for extra verlof, as the parents hand them in (002 §1.3.1).</summary>
    RecordAuthorisedAbsence,

    /// <summary>The school's decision on extra verlof (and on a 5-year-old's extra hours at home): the verzuimcoördinator for the directeur.</summary>
    DecideExtraVerlof,

    /// <summary>A student left school without a startkwalificatie (type 7, VSV; 002 §2.2, §8.1).</summary>
    RecordLeftSchool,

    /// <summary>Organisation-level beheer.</summary>
    ManageRoles,
    ImportRoster,

    /// <summary>Import the school system's absence registrations (issue 22): the school's beheerder or verzuimcoördinator.</summary>
    ImportAbsences,

    /// <summary>"Herstel": an event the school recorded no longer counts (only event types the role itself records; issue 19 item 3).</summary>
    RetractEvent,
}
