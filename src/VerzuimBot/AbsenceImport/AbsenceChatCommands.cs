using VerzuimBot.Access.Authorization;
using VerzuimBot.Beheer;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Messages;
using VerzuimBot.Protocol.AbsenceImport;
using VerzuimBot.Staff;

namespace VerzuimBot.AbsenceImport;

/// <summary>
/// "absenties importeren" with the school system's export attached (issue 22 item 3), for the school's beheerder and
/// verzuimcoördinator; "… alleen goede rijen" imports the good rows, "… proef" shows what would change and writes nothing.
/// The file comes in under the roster upload's rules (<see cref="TeamsFileDownload"/>); the school's mapping is
/// <c>AbsenceImport:Mapping</c>. The answer is the summary; the verzuimcoördinator gets the overview card.
/// </summary>
internal sealed class AbsenceChatCommands(ActingStaff acting, TeamsFileDownload download, AbsenceImporter importer, AbsenceImportNotice notice, AbsenceImportOptions options, TimeProvider time) : IChatCommands
{
    private const string Command = "absenties importeren";

    public async Task<Activity?> TryHandleAsync(Activity activity, string command, string original, string dialogKey, CancellationToken cancellationToken)
    {
        if (command is not (Command or Command + " alleen goede rijen" or Command + " proef"))
        {
            return null;
        }

        var resolved = await acting.ResolveAsync(activity, cancellationToken).ConfigureAwait(false);
        if (resolved.Member is not { } staff)
        {
            return Activity.Message(resolved.Refusal!);
        }

        // The school the person imports for: where they are beheerder or verzuimcoördinator now.
        var now = time.GetUtcNow();
        var organisation = staff.Actor.Grants.FirstOrDefault(g => g.Role is Role.Beheerder or Role.Verzuimcoordinator && g.IsValidAt(now))?.OrganisationId
            ?? staff.Actor.Grants.FirstOrDefault()?.OrganisationId ?? string.Empty;
        var decision = string.IsNullOrWhiteSpace(organisation)
            ? AccessDecision.Denied("Dit mag alleen een beheerder of verzuimcoördinator van de school.", "denied-no-role")
            : AccessPolicy.DecideForOrganisation(staff.Actor, AccessAction.ImportAbsences, organisation, now);
        if (!decision.IsAllowed)
        {
            return Activity.Message(decision.Reason!);
        }

        var (file, refusal) = await download.DownloadAsync(activity, organisation, options.MaxFileBytes, "Stuur de export met absenties uit het schoolsysteem (CSV of .xlsx) als bijlage bij het bericht \"absenties importeren\".", cancellationToken).ConfigureAwait(false);
        if (file is null)
        {
            return Activity.Message(refusal!);
        }

        var mapping = AbsenceMapping.Resolve(options.Mapping);
        var request = new AbsenceImportRequest(organisation, file.Name, file.Content, mapping, new Actor(new StaffId(staff.Email), decision.Grant!.Role), organisation,
            DryRun: command.EndsWith(" proef", StringComparison.Ordinal), GoodRowsOnly: command.EndsWith("alleen goede rijen", StringComparison.Ordinal));
        var report = await importer.ImportAsync(request, progress: null, cancellationToken).ConfigureAwait(false);
        await notice.SendAsync(organisation, report, mapping, PeopleNames.Name(staff), cancellationToken).ConfigureAwait(false);
        return Activity.Message(string.Join('\n', report.Lines().Take(40)));
    }
}
