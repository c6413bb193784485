using VerzuimBot.Domain.Rules;

namespace VerzuimBot.Domain.Digest;

/// <summary>
/// Kinds of late protocol steps the SWV sees as counts (domain.md §7 "overdue steps"). A step is late when the
/// rules engine still produces its task and the task was due before now: the engine drops a task once it is done.
/// </summary>
public enum OverdueStep
{
    /// <summary>002 Bijlage 1 stap 2: the mentor has not reached parents/student (reminder or end-of-week escalation open).</summary>
    MentorNietBereikt = 1,

    /// <summary>Stap 3: gesprek at zorgwekkend verzuim not held.</summary>
    GesprekZorgwekkendVerzuim,

    /// <summary>Stap 4: aanmelding bij de jeugdarts not sent.</summary>
    AanmeldingJeugdarts,

    /// <summary>Stap 5: no consult date within 2 schoolweken after the aanmelding.</summary>
    JeugdartsNietBinnen2Weken,

    /// <summary>Stap 5: no terugkoppeling within 1 week after the consult.</summary>
    GeenTerugkoppeling,

    /// <summary>Stap 6 / 002 §4: plan van aanpak not evaluated after 4 weeks.</summary>
    PlanNietGeevalueerd,

    /// <summary>002 §3, 004: a melding bij leerplicht (after the gesprek, on advice, luxeverzuim) not recorded.</summary>
    MeldingLeerplicht,

    /// <summary>004 Verzuimschema: actions of an hours-ladder rung not ticked off.</summary>
    Ladder,

    /// <summary>domain.md §4: signaalverzuim (16 hours in 4 school weeks) not reported.</summary>
    Signaalverzuim,

    /// <summary>004 Werkwijzer: "thuiszitter volgens de definitie?" not judged after 4 weeks.</summary>
    OordeelLeerplicht,

    /// <summary>004 Werkwijzer: no progress on the thuiszitter checklist for two school weeks.</summary>
    ChecklistThuiszitter,

    /// <summary>domain.md §6: an action agreed in an overleg is late.</summary>
    OverlegActieTeLaat,

    /// <summary>002 Bijlage 2: the 10 werkdagen of doorzettingsmacht have passed.</summary>
    Doorzettingsmacht,
}

public static class OverdueSteps
{
    /// <summary>
    /// The step a task stands for, or null for tasks that are no deadline: the mentor's notification (sent at
    /// once), the reminder on an overleg action's due day (late is the next school day), the doorzettingsmacht
    /// reminder before its deadline, the signaalverzuim early warning, and the kernpartners' steps the seeds give no
    /// term for (vrijstelling 5a, leerplicht's interventions after a melding).
    /// </summary>
    public static OverdueStep? Of(TaskKind kind) => kind switch
    {
        TaskKind.MentorContactReminder or TaskKind.MentorNoAnswerEscalation => OverdueStep.MentorNietBereikt,
        TaskKind.ZorgwekkendVerzuim => OverdueStep.GesprekZorgwekkendVerzuim,
        TaskKind.AanmeldingJeugdarts => OverdueStep.AanmeldingJeugdarts,
        TaskKind.ConsultOverdue => OverdueStep.JeugdartsNietBinnen2Weken,
        TaskKind.TerugkoppelingOverdue => OverdueStep.GeenTerugkoppeling,
        TaskKind.PlanEvaluation => OverdueStep.PlanNietGeevalueerd,
        TaskKind.MeldingLeerplicht or TaskKind.SchorsingMelding or TaskKind.RmcMelding => OverdueStep.MeldingLeerplicht,
        TaskKind.LadderRung => OverdueStep.Ladder,
        TaskKind.SignaalverzuimMelding or TaskKind.SignaalverzuimDeadline => OverdueStep.Signaalverzuim,
        TaskKind.LeerplichtJudgement => OverdueStep.OordeelLeerplicht,
        TaskKind.ThuiszitterChecklist => OverdueStep.ChecklistThuiszitter,
        TaskKind.OverlegActionLate => OverdueStep.OverlegActieTeLaat,
        TaskKind.DoorzettingsmachtOverdue => OverdueStep.Doorzettingsmacht,
        _ => null,
    };

    public static IReadOnlyList<OverdueStep> All { get; } = Enum.GetValues<OverdueStep>();
}
