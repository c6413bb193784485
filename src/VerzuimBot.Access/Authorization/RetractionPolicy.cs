using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Authorization;

/// <summary>
/// "Herstel" (issue 19 item 3): which school roles record each kind of event, and so may list and take one back. One
/// table for both, explicit per event type; a type not named here, anything a kernpartner recorded, and every kernpartner
/// decision (leerplicht's oordeel, vrijstelling, doorzettingsmacht, overleg decisions and actions) stand as recorded, with
/// who, role, organisation and reason. Pure: the policy still decides whether the person holds that role for the student.
/// </summary>
public static class RetractionPolicy
{
    private static readonly Role[] SchoolStaff = [Role.Receptie, Role.Verzuimcoordinator, Role.Zorgcoordinator, Role.Mentor];
    private static readonly Role[] Attendance = [Role.Receptie, Role.Verzuimcoordinator];
    private static readonly Role[] Coordinators = [Role.Verzuimcoordinator, Role.Zorgcoordinator];
    private static readonly Role[] Nobody = [];

    /// <summary>The roles whose holders may take <paramref name="fact"/> back; empty when nobody may.</summary>
    public static IReadOnlyList<Role> RecordersOf(DossierEvent fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (!SchoolStaff.Contains(fact.RecordedBy.Role))
        {
            // A kernpartner's record (the jeugdarts' consult or terugkoppeling, leerplicht's side of the ladder or checklist) is theirs alone.
            return Nobody;
        }

        return fact switch
        {
            ZiekmeldingRecorded or BeterMeldingRecorded => SchoolStaff,
            UnauthorisedHoursRecorded or LateArrivalRecorded or LuxeverzuimRecorded or UnauthorisedAbsenceStarted or UnauthorisedAbsenceEnded
                or AuthorisedAbsenceRecorded or ExtraVerlofRequested => Attendance,
            MentorContactRecorded => [Role.Mentor],
            GesprekRecorded => [Role.Zorgcoordinator, Role.Mentor],
            JeugdartsAanmeldingSent or ConsultScheduled or PlanVanAanpakAgreed or PlanVanAanpakEvaluated => [Role.Zorgcoordinator],
            LadderActionCompleted or ExtraVerlofDecided or FiveYearOldExtraHoursAgreed or LeftWithoutStartkwalificatie => [Role.Verzuimcoordinator],
            SignaalverzuimReported or LeerplichtMeldingRecorded or SchorsingRecorded or ThuiszitterChecklistItemCompleted or ReturnedToSchool => Coordinators,
            _ => Nobody,
        };
    }
}
