using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Protocol.AbsenceImport;

namespace VerzuimBot.AbsenceImport.Nightly;

/// <summary>
/// Issue 22 item 3, the optional nightly import: once a night (at <see cref="NightlyImportSettings.RunAt"/>, Amsterdam time)
/// every configured school's SharePoint folder is read and each new or changed file goes through the same importer as the
/// CLI and the chat (a refused row: nothing of that file is imported). The verzuimcoördinator gets the overview card, or a
/// card saying why a file was refused. A folder that cannot be read (Graph down, 403) is logged without children's data and
/// tried again the next night; the host runs on. With several instances, the first to claim a school's night in the store runs
/// it; which file versions were handled is kept in the store too, so neither a restart nor another instance sends the same
/// card again. An instance that stops mid-run leaves the rest of that school's files to the next night.
/// </summary>
internal sealed class NightlyAbsenceImport(
    NightlyImportSettings settings, IAbsenceExportFolder folders, AbsenceImporter importer, AbsenceImportNotice notice, AbsenceImportOptions options,
    Storage.NightlyImportLog log, TimeProvider time, ILogger<NightlyAbsenceImport> logger)
{
    /// <summary>Author of the imported facts and the audit lines (as "beheer-cli" for the CLI).</summary>
    private const string By = "sharepoint-nachtimport";

    private readonly SemaphoreSlim _running = new(1, 1);
    private DateOnly? _lastNight;

    public bool IsConfigured => settings.Folders.Count > 0;

    /// <summary>Runs tonight's import when its time has come and it has not run yet tonight; returns the files imported.</summary>
    public async Task<int> RunIfDueAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            return 0;
        }

        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            var today = SchoolClock.LocalDate(now);
            if (now < SchoolClock.At(today, settings.RunAt) || _lastNight == today)
            {
                return 0;
            }

            _lastNight = today;
            var imported = 0;
            foreach (var folder in settings.Folders)
            {
                imported += await ImportFolderAsync(folder, today, cancellationToken).ConfigureAwait(false);
            }

            return imported;
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<int> ImportFolderAsync(NightlyImportFolder folder, DateOnly night, CancellationToken cancellationToken)
    {
        var imported = 0;
        try
        {
            if (!await log.TryClaimNightAsync(folder.SchoolId, night, cancellationToken).ConfigureAwait(false))
            {
                logger.LogInformation("Nightly absence import for school {SchoolId} runs on another instance tonight", folder.SchoolId);
                return 0;
            }

            var handled = await log.HandledVersionsAsync(folder.SchoolId, cancellationToken).ConfigureAwait(false);
            var mapping = AbsenceMapping.Resolve(folder.Mapping);
            var files = await folders.ListAsync(folder, cancellationToken).ConfigureAwait(false);

            // Oldest name first, so "oktober" is read before "oktober-gecorrigeerd" when both are new.
            foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                if (handled.TryGetValue(file.Id, out var version) && version == file.Version)
                {
                    continue;
                }

                var report = file.Size > options.MaxFileBytes
                    ? TooLarge(file)
                    : await importer.ImportAsync(
                        new AbsenceImportRequest(folder.SchoolId, file.Name, await folders.DownloadAsync(folder, file, cancellationToken).ConfigureAwait(false), mapping,
                            new Actor(new StaffId(By), Role.Beheerder), folder.SchoolId),
                        progress: null, cancellationToken).ConfigureAwait(false);
                await notice.SendAsync(folder.SchoolId, report, mapping, "de nachtelijke import uit SharePoint", cancellationToken, reportRefusal: true).ConfigureAwait(false);
                await log.MarkHandledAsync(folder.SchoolId, file.Id, file.Version, cancellationToken).ConfigureAwait(false);
                imported += report.Imported ? 1 : 0;
                logger.LogInformation("Nightly absence import for school {SchoolId}: file {FileId} {Outcome}, {StudentsChanged} dossiers changed",
                    folder.SchoolId, file.Id, report.Imported ? "imported" : "refused", report.StudentsChanged);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Only the school, the error type and Graph's status: never a file name, row or student. Tried again next night.
            logger.LogWarning("Nightly absence import for school {SchoolId} failed, tried again next night: {Error} {Status}",
                folder.SchoolId, exception.GetType().Name, (exception as Microsoft.Kiota.Abstractions.ApiException)?.ResponseStatusCode);
        }

        return imported;
    }

    /// <summary>Refused before download, as the importer refuses a file over the limit.</summary>
    private AbsenceImportReport TooLarge(ExportFile file) =>
        new(file.Name, new string('0', 64), 0, 0, 0, 0, 0, 0,
            [new AbsenceProblem(0, "bestand", $"het bestand is {file.Size / (1024 * 1024)} MB; meer dan {options.MaxFileBytes / (1024 * 1024)} MB lees ik niet. Exporteer een kortere periode.")],
            Imported: false);
}

/// <summary>Checks every minute whether tonight's import is due (the clock is the injected <see cref="TimeProvider"/>).</summary>
internal sealed class NightlyAbsenceImportScheduler(NightlyAbsenceImport import, TimeProvider time, ILogger<NightlyAbsenceImportScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!import.IsConfigured)
        {
            return; // Off by default: no school named a folder, so nothing ever calls Graph.
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(CheckEvery, time, stoppingToken).ConfigureAwait(false);
                using var span = Telemetry.BotTelemetry.StartJob("absence-import-nightly");
                await import.RunIfDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Per school errors are handled in the run; this only keeps the loop (and the host) alive.
                logger.LogWarning("Nightly absence import check failed: {Error}", exception.GetType().Name);
            }
        }
    }
}
