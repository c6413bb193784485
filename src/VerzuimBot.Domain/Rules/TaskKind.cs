namespace VerzuimBot.Domain.Rules;

/// <summary>What a protocol task asks of its assignee; the comment names the source.</summary>
public enum TaskKind
{
    /// <summary>002 Bijlage 1 stap 1: the mentor is told of the ziekmelding at once.</summary>
    MentorNotification = 1,

    /// <summary>Stap 2: contact parents/student after 3 school days ("Laat OMA thuis"); asked again after "niet bereikt".</summary>
    MentorContactReminder,

    /// <summary>Stap 2: no mentor contact by the end of the first week: the zorgcoördinator is told.</summary>
    MentorNoAnswerEscalation,

    /// <summary>Stap 3: zorgwekkend ziekteverzuim: gesprek with the parents (OEN).</summary>
    ZorgwekkendVerzuim,

    /// <summary>Stap 4: aanmelding bij de jeugdarts (after the gesprek, or straight away on the jeugdarts' advice).</summary>
    AanmeldingJeugdarts,

    /// <summary>Stap 3 uitkomst 2, advies vervolgtraject, or luxeverzuim: melding bij leerplicht.</summary>
    MeldingLeerplicht,

    /// <summary>Stap 5: no consult date within 2 schoolweken after the aanmelding.</summary>
    ConsultOverdue,

    /// <summary>Stap 5: no terugkoppeling within 1 week after the consult.</summary>
    TerugkoppelingOverdue,

    /// <summary>Stap 6 / 002 §4: evaluate the plan van aanpak every 4 weeks.</summary>
    PlanEvaluation,

    /// <summary>004 Verzuimschema: the actions of an hours-ladder rung (reminded until ticked off).</summary>
    LadderRung,

    /// <summary>004 Verzuimschema, column leerplichtambtenaar: the school's melding of a rung is in; leerplicht records its interventions.</summary>
    LeerplichtInterventie,

    /// <summary>domain.md §4 legal clock: close to 16 hours within 4 school weeks.</summary>
    SignaalverzuimWarning,

    /// <summary>002 §3 / 004: 16 hours or 16 times late within 4 school weeks: melding (onverwijld).</summary>
    SignaalverzuimMelding,

    /// <summary>domain.md §4: the 5 working days for the melding are running out.</summary>
    SignaalverzuimDeadline,

    /// <summary>004 Werkwijzer: 4 weeks away: "thuiszitter volgens de definitie?"</summary>
    LeerplichtJudgement,

    /// <summary>004 Werkwijzer / 001: the open thuiszitter checklist, monitored every two weeks.</summary>
    ThuiszitterChecklist,

    /// <summary>domain.md §6: an action agreed in an overleg is due.</summary>
    OverlegActionDue,

    /// <summary>domain.md §6: an action agreed in an overleg is late.</summary>
    OverlegActionLate,

    /// <summary>002 Bijlage 2: doorzettingsmacht, 10 werkdagen: reminder before the deadline.</summary>
    DoorzettingsmachtReminder,

    /// <summary>002 Bijlage 2: doorzettingsmacht deadline passed without access.</summary>
    DoorzettingsmachtOverdue,

    /// <summary>002 §7, 000: leerplicht received a vrijstelling 5a aanvraag: the jeugdarts investigates and puts it to the SWV.</summary>
    VrijstellingOnderzoek,

    /// <summary>002 §7, 000: the SWV answers the jeugdarts: is passend onderwijs possible?</summary>
    VrijstellingSwv,

    /// <summary>002 §7, 000: after the SWV's answer, the jeugdarts gives leerplicht an advice.</summary>
    VrijstellingAdvies,

    /// <summary>002 §7: leerplicht decides on the aanvraag, following the jeugdarts' advice as a rule.</summary>
    VrijstellingBeschikking,

    /// <summary>002 Bijlage 1 stap 6: the plan is not followed, or the student did not come to the jeugdarts: choose the follow-up (owner, date).</summary>
    Stap6FollowUp,

    /// <summary>002 §1.2, issue 20: verzuim of a student past leerplicht and kwalificatieplicht goes to the RMC contact (profile "naLeerplicht": "rmc").</summary>
    RmcMelding,

    /// <summary>002 §7: a vrijstelling voor bepaalde tijd lapses "in principe" after one year: leerplicht and the SWV are reminded of the renewal.</summary>
    VrijstellingVerlenging,

    /// <summary>002 §1.3.1: a schorsing is recorded; the school informs leerplicht.</summary>
    SchorsingMelding,

    /// <summary>002 §1.3.1: leerplicht is informed of the schorsing the school reported.</summary>
    SchorsingGemeld,

    /// <summary>002 §1.3.1 "Vakantie": the school (directeur, here the verzuimcoördinator) decides on a request for extra verlof.</summary>
    ExtraVerlofBesluit,

    /// <summary>002 §1.3.2: refused verlof that is taken anyway is luxeverzuim; on the first refused day the school checks.</summary>
    GeweigerdVerlofControle,
}
