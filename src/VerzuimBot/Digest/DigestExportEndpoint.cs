using System.Globalization;
using VerzuimBot.Access.Audit;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;
using VerzuimBot.Protocol.Digest;

namespace VerzuimBot.Digest;

/// <summary>
/// GET /api/overzicht/export/{token}: the digest as CSV for Dutch Excel (issue 9 item 3), computed for the schools and
/// the moment of the link. Anonymised: the export is what the SWV hands to the inspectie. Every download is audited.
/// A link works once (issue 19 item 9): it is used up only after the file was made, so a store hiccup does not cost
/// the link, and of two simultaneous downloads one gets the file and the other the answer for an unknown link.
/// </summary>
internal static class DigestExportEndpoint
{
    public static void MapDigestExport(this WebApplication app) => app.MapGet(DigestExportLinks.Route, DownloadAsync);

    private static async Task<IResult> DownloadAsync(
        string token, DigestExportStore links, DigestQuery query, SwvAudiences audiences, AuditTrail audit, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(DigestExportEndpoint));
        try
        {
            if (await links.FindAsync(token, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is not { } link)
            {
                logger.LogInformation("Export link unknown, used or expired");
                return UnknownLink();
            }

            var grant = link.Grant;
            var digest = await query.ComputeAsync(audiences.WithinServiceArea(grant.SwvId, grant.Schools), grant.AsOf, grant.Since, cancellationToken).ConfigureAwait(false);
            var bytes = DigestCsvExporter.ToBytes(digest);
            if (!await links.ConsumeAsync(link, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                logger.LogInformation("Export link used by a simultaneous download");
                return UnknownLink();
            }
            foreach (var school in grant.Schools)
            {
                await audit.RecordAsync(new AuditRecord(school, null, grant.IssuedTo, Role.Swv.ToString(), grant.SwvId, "export-swv-digest", "Export van het SWV-overzicht gedownload"), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            var name = string.Create(CultureInfo.InvariantCulture, $"overzicht-{Safe(grant.SwvId)}-{SchoolClock.LocalDate(grant.AsOf):yyyy-MM-dd}.csv");
            return Results.File(bytes, DigestCsvExporter.ContentType, name);
        }
        catch (Exception exception) when (StoreErrors.IsStoreFailure(exception, out _))
        {
            logger.LogWarning("Export not possible, store unavailable: {Error}", exception.GetType().Name);
            return Results.Text("De opslag van VerzuimBot is even niet bereikbaar. Probeer de link over een minuut opnieuw.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static IResult UnknownLink() =>
        Results.Text("Deze downloadlink is verlopen of onbekend. Vraag in Teams een nieuwe: typ \"overzicht export\".", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    private static string Safe(string id) => new(id.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
}
