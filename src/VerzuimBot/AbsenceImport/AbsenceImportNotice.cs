using System.Text.Json.Nodes;
using VerzuimBot.Access;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Cards;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.AbsenceImport;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Staff;
using VerzuimBot.Storage;

namespace VerzuimBot.AbsenceImport;

/// <summary>
/// Issue 22 item 4: after an import that changed dossiers the school's verzuimcoördinator gets one card (cards/absentie-import):
/// the students who crossed a rung of the ladder or the legal line because of it, each with the next step. The rung's own
/// task cards follow from the rules as for a chat fact; this card is the overview. A failed send does not undo the import.
/// </summary>
internal sealed class AbsenceImportNotice(CardTemplateLibrary cards, StaffMessenger messenger, RosterStore roster, TenantPolicy tenants, TimeProvider time, ILogger<AbsenceImportNotice> logger)
{
    /// <summary>The refused file's first problems on the card (who imports by chat or CLI sees them all in the answer).</summary>
    private const int RefusalLines = 10;

    /// <returns>How many verzuimcoördinatoren the card reached.</returns>
    /// <param name="reportRefusal">The nightly import: nobody watches it, so a refused file is reported on the card too.</param>
    public async Task<int> SendAsync(string schoolId, AbsenceImportReport report, AbsenceMapping mapping, string importedBy, CancellationToken cancellationToken, bool reportRefusal = false)
    {
        var refused = !report.Imported && reportRefusal;
        if ((!refused && (!report.Imported || report.DryRun || report.StudentsChanged == 0)) || tenants.FindOrganisation(schoolId) is not { } school)
        {
            return 0;
        }

        var recipients = (await roster.ListRoleAssignmentsAsync(school.Id, nameof(Role.Verzuimcoordinator), cancellationToken).ConfigureAwait(false))
            .Select(a => new Recipient(EmailAddress.Normalise(a.UserId), school, Role.Verzuimcoordinator))
            .DistinctBy(r => r.Email)
            .ToList();
        var card = JsonNodeCard.From(cards.Render("absentie-import", Data(report, mapping, importedBy, time.GetUtcNow())));
        try
        {
            return await messenger.SendAsync(recipients, card, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The import is stored; only the overview did not go out. Ids and types only in the log.
            logger.LogWarning("The absence import card for school {SchoolId} was not sent: {Error}", schoolId, exception.GetType().Name);
            return 0;
        }
    }

    /// <summary>The card's data; names come from the roster and are escaped (a name is text, never markdown).</summary>
    internal static JsonObject Data(AbsenceImportReport report, AbsenceMapping mapping, string importedBy, DateTimeOffset at) => new()
    {
        ["systeem"] = TeamsText.Escape(mapping.System),
        ["geweigerd"] = !report.Imported,
        ["samenvatting"] = report.Imported ? report.Summary : string.Join("\n\n", report.Lines().Take(RefusalLines + 1).Select(line => TeamsText.Escape(line))),
        ["heeftLeerlingen"] = report.Crossed.Count > 0,
        ["leerlingen"] = new JsonArray(report.Crossed.Select(c => (JsonNode)new JsonObject
        {
            ["naam"] = TeamsText.Escape(c.Name),
            ["klas"] = TeamsText.Escape(c.Klas),
            ["wat"] = c.What,
            ["volgendeStap"] = c.NextStep,
        }).ToArray()),
        ["bron"] = TeamsText.Escape($"Bestand {report.FileName} (sha256 {report.FileHash[..16]}), geïmporteerd door {importedBy} op {DutchDates.Moment(at)}"),
    };
}
