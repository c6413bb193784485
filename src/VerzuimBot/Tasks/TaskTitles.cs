using VerzuimBot.Domain.Rules;

namespace VerzuimBot.Tasks;

/// <summary>What a task asks, in the words of the person who must do it (for "taken" and notices).</summary>
internal static class TaskTitles
{
    public static string Of(TaskKind kind) => kind switch
    {
        TaskKind.MentorNotification => "Ziekmelding van je mentorleerling",
        TaskKind.MentorContactReminder => "Contact opnemen met de ouders",
        TaskKind.MentorNoAnswerEscalation => "Mentor heeft geen contact gemeld",
        TaskKind.ZorgwekkendVerzuim => "Gesprek met de ouders (zorgwekkend verzuim)",
        TaskKind.AanmeldingJeugdarts => "Aanmelden bij de jeugdarts",
        TaskKind.MeldingLeerplicht => "Melden bij leerplicht",
        TaskKind.ConsultOverdue => "Consultdatum jeugdarts vastleggen",
        TaskKind.TerugkoppelingOverdue => "Terugkoppeling na het consult",
        TaskKind.PlanEvaluation => "Plan van aanpak evalueren",
        TaskKind.LadderRung => "Acties verzuimladder afvinken",
        TaskKind.LeerplichtInterventie => "Melding verzuimloket: interventie vastleggen",
        TaskKind.SignaalverzuimWarning => "Bijna 16 uur ongeoorloofd verzuim",
        TaskKind.SignaalverzuimMelding => "Signaalverzuim melden",
        TaskKind.SignaalverzuimDeadline => "Termijn melding signaalverzuim loopt af",
        TaskKind.LeerplichtJudgement => "Thuiszitter volgens de definitie?",
        TaskKind.ThuiszitterChecklist => "Checklist thuiszitter bijwerken",
        TaskKind.OverlegActionDue => "Actie uit het overleg",
        TaskKind.OverlegActionLate => "Actie uit het overleg is te laat",
        TaskKind.DoorzettingsmachtReminder => "Doorzettingsmacht: termijn loopt af",
        TaskKind.DoorzettingsmachtOverdue => "Doorzettingsmacht: termijn verlopen",
        TaskKind.VrijstellingOnderzoek => "Vrijstelling 5a: onderzoek",
        TaskKind.VrijstellingSwv => "Vrijstelling 5a: passend onderwijs mogelijk?",
        TaskKind.VrijstellingAdvies => "Vrijstelling 5a: advies aan leerplicht",
        TaskKind.VrijstellingBeschikking => "Vrijstelling 5a: besluit",
        TaskKind.VrijstellingVerlenging => "Vrijstelling vervalt binnenkort",
        TaskKind.Stap6FollowUp => "Vervolg kiezen (stap 6)",
        TaskKind.RmcMelding => "Melden bij het RMC",
        TaskKind.SchorsingMelding => "Schorsing melden bij leerplicht",
        TaskKind.SchorsingGemeld => "Schorsing gemeld",
        TaskKind.ExtraVerlofBesluit => "Besluit over extra verlof",
        TaskKind.GeweigerdVerlofControle => "Geweigerd verlof toch genomen?",
        _ => kind.ToString(),
    };
}
