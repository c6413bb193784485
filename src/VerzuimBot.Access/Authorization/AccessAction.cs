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

    /// <summary>Organisation-level beheer.</summary>
    ManageRoles,
    ImportRoster,
}
