using Microsoft.Extensions.Logging;
using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Storage;

namespace VerzuimBot.Access.Retention;

/// <summary>
/// Verwijderen op verzoek: removes a student's roster entry, dossier and decisions. The audit trail
/// is kept (it holds ids, roles and fixed phrases only), and the deletion itself is added to it.
/// Only a beheerder of the student's school may do this. Repeating it is harmless.
/// </summary>
public sealed class StudentDataEraser(RosterStore roster, DossierStore dossiers, StudentDataStore data, IEnumerable<IStudentDataHolder> holders, AuditTrail audit, TimeProvider time, ILogger<StudentDataEraser> logger)
{
    public async Task<StudentDataRequestResult> EraseAsync(AccessActor actor, string schoolId, string studentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var context = new StudentContext(schoolId, studentId, Klas: string.Empty, Woongemeente: string.Empty);
        var decision = AccessPolicy.Decide(actor, AccessAction.DeleteStudentData, context, time.GetUtcNow());
        if (!decision.IsAllowed)
        {
            return new StudentDataRequestResult(false, decision.Reason!);
        }

        var student = await roster.FindStudentAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
        var dossier = await dossiers.ReadAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
        await data.DeleteDossierAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
        var removedDecisions = await data.DeleteDecisionsAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
        foreach (var holder in holders)
        {
            await holder.DeleteStudentAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
        }
        if (student is not null)
        {
            await roster.RemoveStudentAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
        }

        var what = $"gegevens verwijderd op verzoek: leerlinggegevens {(student is null ? "niet aanwezig" : "verwijderd")}, {dossier.Events.Count} dossiergebeurtenissen, {removedDecisions} besluiten";
        await audit.RecordAsync(
            new AuditRecord(schoolId, studentId, actor.UserId, RoleNames.Dutch(decision.Grant!.Role), decision.Grant.OrganisationId, AuditTrail.Code(AccessAction.DeleteStudentData), what),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Student data of {StudentId} at school {SchoolId} deleted on request by {UserId}", studentId, schoolId, actor.UserId);
        return new StudentDataRequestResult(true, $"De gegevens van leerling {studentId} zijn verwijderd ({dossier.Events.Count} dossiergebeurtenissen, {removedDecisions} besluiten). De audittrail blijft bewaard.");
    }
}
