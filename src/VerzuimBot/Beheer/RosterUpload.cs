using System.Text;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Roster;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.Beheer;

/// <summary>
/// Limits of a roster file sent in chat (section "Beheer"). Where it may come from is the school's own SharePoint
/// tenant (<c>Tenants:Organisations[].SharePointTenant</c>); loopback is allowed in Development for the Playground.
/// </summary>
internal sealed class BeheerOptions
{
    public const string SectionName = "Beheer";

    public int MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>At most this many student rows; a larger file is refused whole.</summary>
    public int MaxRows { get; set; } = RosterImportOptions.DefaultMaxRows;

    public RosterColumnMapping Mapping { get; set; } = new();
}

/// <summary>
/// "leerlingen importeren" with the school's CSV export attached in a personal chat: downloaded under the rules of
/// <see cref="TeamsFileDownload"/> (the school's own SharePoint only, no redirects, size-capped), row-capped, and imported
/// all-or-nothing unless "alleen goede rijen".
/// </summary>
internal sealed class RosterUpload(RosterImporter importer, SchoolProtocols protocols, TeamsFileDownload download, BeheerOptions options, TimeProvider time)
{
    public async Task<string> ImportAsync(StaffMember staff, string organisation, Activity activity, bool goodRowsOnly, CancellationToken cancellationToken)
    {
        var decision = AccessPolicy.DecideForOrganisation(staff.Actor, AccessAction.ImportRoster, organisation, time.GetUtcNow());
        if (!decision.IsAllowed)
        {
            return decision.Reason!;
        }

        var (file, refusal) = await download.DownloadAsync(activity, organisation, options.MaxFileBytes, "Stuur het CSV-bestand met de leerlingen als bijlage bij het bericht \"leerlingen importeren\".", cancellationToken).ConfigureAwait(false);
        if (file is null)
        {
            return refusal!;
        }

        var type = protocols.For(organisation).Profile.SchoolType;
        using var reader = new StreamReader(new MemoryStream(file.Content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var report = await importer.ImportAsync(new SchoolId(organisation), reader, new RosterImportOptions(type, options.Mapping, goodRowsOnly, options.MaxRows), null, cancellationToken).ConfigureAwait(false);
        return string.Join('\n', report.Lines().Take(40));
    }
}
