using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Roles;
using VerzuimBot.Access.Roster;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Messages;
using VerzuimBot.Staff;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Dossiers;

namespace VerzuimBot.Beheer;

/// <summary>
/// The beheerder's chat commands (issue 7): "rol toekennen …", "rol intrekken …", "rollen [e-mail]",
/// "audit &lt;leerlingnummer&gt;" and "leerlingen importeren" with a CSV attached. Every one is checked
/// on the server against the person's beheerder role for the organisation, and audited. Only in a personal chat: an
/// audit trail names a child, and the others are nobody else's business either (issue 19 item 6).
/// </summary>
internal sealed class BeheerCommands(ActingStaff acting, StudentIds ids, RoleAssignmentService roles, StudentDirectory students, DossierService dossiers, StudentGuard guard, AuditTrail audit, RosterUpload upload, TimeProvider time) : IChatCommands
{
    public async Task<Activity?> TryHandleAsync(Activity activity, string command, string original, string dialogKey, CancellationToken cancellationToken)
    {
        var kind = command switch
        {
            _ when command.StartsWith("rol ", StringComparison.Ordinal) || command == "rollen" || command.StartsWith("rollen ", StringComparison.Ordinal) => "rol",
            _ when command.StartsWith("audit ", StringComparison.Ordinal) => "audit",
            "leerlingen importeren" or "leerlingen importeren alleen goede rijen" => "import",
            _ => null,
        };
        if (kind is null)
        {
            return null;
        }

        var resolved = await acting.ResolveInPersonalChatAsync(activity, cancellationToken).ConfigureAwait(false);
        if (resolved.Member is not { } staff)
        {
            return Activity.Message(resolved.Refusal!);
        }

        // The organisation the person is beheerder of (a beheerder of one school board acts for that school).
        var now = time.GetUtcNow();
        var organisation = staff.Actor.Grants.FirstOrDefault(g => g.Role == Role.Beheerder && g.IsValidAt(now))?.OrganisationId
            ?? staff.Actor.Grants.FirstOrDefault()?.OrganisationId ?? string.Empty;
        switch (kind)
        {
            case "rol":
                var parsed = RoleCommandParser.Parse(original, organisation, ids);
                if (!parsed.IsSuccess)
                {
                    return Activity.Message(parsed.Error!);
                }

                return Activity.Message((await roles.ExecuteAsync(staff.Actor, organisation, parsed.Command!, cancellationToken).ConfigureAwait(false)).Text);

            case "audit" when !staff.Actor.Grants.Any(g => g.Role == Role.Beheerder && g.IsValidAt(now)):
                // The role first, before any student is looked up: the answer is the same for every number.
                return Activity.Message(StudentGuard.WrongRole([new Permit(AccessAction.ViewAuditTrail)], staff.Actor, now));

            case "audit":
                var number = original.Trim().Split(' ', 2)[1].Trim();
                var found = (await students.SearchAsync(staff.Actor, number, now, cancellationToken).ConfigureAwait(false)).Where(s => s.Details.Leerlingnummer == number).ToList();
                if (found.Count != 1)
                {
                    return Activity.Message("Geef het leerlingnummer van een leerling van jouw school: \"audit 123456\".");
                }

                var student = found[0];
                var dossier = await dossiers.ReadAsync(student.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
                var decision = await guard.CheckAsync(staff, AccessAction.ViewAuditTrail, student, dossier, cancellationToken).ConfigureAwait(false);
                if (!decision.IsAllowed)
                {
                    return Activity.Message(decision.Reason!);
                }

                var lines = await audit.StudentTrailAsync(student.SchoolId, student.Id.Value, cancellationToken).ConfigureAwait(false);
                return Activity.Message($"Audittrail van {student.Label} ({lines.Count} regels):\n" + string.Join('\n', lines.TakeLast(50)));

            default:
                return Activity.Message(await upload.ImportAsync(staff, organisation, activity, command.EndsWith("alleen goede rijen", StringComparison.Ordinal), cancellationToken).ConfigureAwait(false));
        }
    }
}
