using VerzuimBot.Access.Authorization;

namespace VerzuimBot.Access.Audit;

/// <summary>The Dutch phrases audit lines use for each action (no personal data in them).</summary>
public static class AuditTexts
{
    public static string For(AccessAction action) => action switch
    {
        AccessAction.ViewAbsenceOverview => "verzuimoverzicht ingezien",
        AccessAction.ViewDossier => "dossier ingezien",
        AccessAction.LogZiekmelding => "ziekmelding vastgelegd",
        AccessAction.LogBeterMelding => "betermelding vastgelegd",
        AccessAction.LogUnauthorisedAbsence => "ongeoorloofd verzuim vastgelegd",
        AccessAction.CompleteLadderAction => "actie verzuimladder afgevinkt",
        AccessAction.AnswerMentorCard => "mentorcontact vastgelegd",
        AccessAction.RecordGesprek => "gesprek vastgelegd",
        AccessAction.AanmeldingJeugdarts => "aanmelding jeugdarts verstuurd",
        AccessAction.ReportToLeerplicht => "gemeld bij leerplicht",
        AccessAction.DecideLeerplicht => "besluit leerplicht vastgelegd",
        AccessAction.JeugdartsTerugkoppeling => "terugkoppeling jeugdarts vastgelegd",
        AccessAction.EvaluatePlanVanAanpak => "plan van aanpak geëvalueerd",
        AccessAction.KernpartnerDecision => "besluit kernpartner vastgelegd",
        AccessAction.ViewSwvDigest => "SWV-overzicht ingezien",
        AccessAction.ViewAuditTrail => "audittrail ingezien",
        AccessAction.InzageExport => "inzageverzoek: alle gegevens geëxporteerd",
        AccessAction.DeleteStudentData => "gegevens verwijderd op verzoek",
        AccessAction.RecordSchorsing => "schorsing vastgelegd",
        AccessAction.RecordAuthorisedAbsence => "geoorloofd verzuim of verlofaanvraag vastgelegd",
        AccessAction.DecideExtraVerlof => "besluit over extra verlof vastgelegd",
        AccessAction.RecordLeftSchool => "vertrek zonder startkwalificatie vastgelegd",
        AccessAction.ManageRoles => "rollen beheerd",
        AccessAction.ImportRoster => "leerlingenbestand geïmporteerd",
        AccessAction.ImportAbsences => "absenties uit het schoolsysteem geïmporteerd",
        AccessAction.RetractEvent => "melding hersteld",
        _ => action.ToString(),
    };
}
