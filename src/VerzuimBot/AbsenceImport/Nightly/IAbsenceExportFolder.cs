namespace VerzuimBot.AbsenceImport.Nightly;

/// <summary>A file in the school's SharePoint folder; <see cref="Version"/> changes whenever its content does (Graph's cTag, else eTag).</summary>
internal sealed record ExportFile(string Id, string Name, string Version, long Size);

/// <summary>The school's export folder as the nightly import sees it; Graph in the host, kept behind this so the run is testable.</summary>
internal interface IAbsenceExportFolder
{
    Task<IReadOnlyList<ExportFile>> ListAsync(NightlyImportFolder folder, CancellationToken cancellationToken);

    Task<byte[]> DownloadAsync(NightlyImportFolder folder, ExportFile file, CancellationToken cancellationToken);
}
