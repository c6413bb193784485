using Spectre.Console;
using VerzuimBot.Access;
using VerzuimBot.Access.Cli;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Protocol.AbsenceImport;

namespace VerzuimBot.AbsenceImport;

/// <summary>
/// <c>beheer absences import &lt;file&gt; --school &lt;BRIN&gt; [--mapping …] [--dry-run] [--good-rows-only]</c> (issue 22 item 3):
/// the import with a progress bar (Spectre.Console; plain lines when the output is not a terminal) and the Dutch summary.
/// Whoever runs it has server access and acts as beheerder (audited as <c>--door &lt;e-mail&gt;</c>, default "beheer-cli").
/// Exit codes as <see cref="BeheerCli"/>: 0 imported, 1 refused, 2 usage.
/// </summary>
internal sealed class AbsenceImportCli(AbsenceImporter importer, AbsenceImportNotice notice, AbsenceImportOptions options)
{
    public async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var parsed = CliArguments.Parse(args);
            if (parsed.Words is not ["import", var file])
            {
                await error.WriteLineAsync(BeheerCli.Usage).ConfigureAwait(false);
                return 2;
            }

            return await ImportAsync(file, parsed, output, error, interactive, cancellationToken).ConfigureAwait(false);
        }
        catch (CliUsageException exception)
        {
            await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return 2;
        }
    }

    private async Task<int> ImportAsync(string file, CliArguments parsed, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellationToken)
    {
        var school = parsed.Required("school");
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            await error.WriteLineAsync($"Bestand '{file}' bestaat niet.").ConfigureAwait(false);
            return 1;
        }

        if (info.Length > options.MaxFileBytes)
        {
            // Refused before reading: a 50 MB file is never loaded.
            await error.WriteLineAsync($"Niets geïmporteerd: het bestand is {info.Length / (1024 * 1024)} MB; meer dan {options.MaxFileBytes / (1024 * 1024)} MB lees ik niet. Exporteer een kortere periode.").ConfigureAwait(false);
            return 1;
        }

        AbsenceMapping mapping;
        try
        {
            mapping = AbsenceMapping.Resolve(parsed.Optional("mapping") ?? options.Mapping);
        }
        catch (Exception exception) when (exception is FormatException or IOException)
        {
            await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return 1;
        }

        var by = parsed.Optional("door") is { } door ? EmailAddress.Normalise(door) : "beheer-cli";
        var request = new AbsenceImportRequest(
            school, info.Name, await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false), mapping, new Actor(new StaffId(by), Role.Beheerder), school,
            DryRun: parsed.Flag("dry-run"), GoodRowsOnly: parsed.Flag("good-rows-only") || parsed.Flag("alleen-goede-rijen"));
        var report = interactive
            ? await WithProgressBarAsync(request, output, cancellationToken).ConfigureAwait(false)
            : await importer.ImportAsync(request, new LineProgress(output), cancellationToken).ConfigureAwait(false);
        foreach (var line in report.Lines())
        {
            await (report.Imported ? output : error).WriteLineAsync(line).ConfigureAwait(false);
        }

        if (await notice.SendAsync(school, report, mapping, by, cancellationToken).ConfigureAwait(false) > 0)
        {
            await output.WriteLineAsync("De verzuimcoördinator heeft een kaart met het overzicht gekregen.").ConfigureAwait(false);
        }

        return report.Imported ? 0 : 1;
    }

    /// <summary>In a terminal: two bars (rows read, dossiers brought up to date) with the time left.</summary>
    private async Task<AbsenceImportReport> WithProgressBarAsync(AbsenceImportRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Detect, Interactive = InteractionSupport.Yes });
        AbsenceImportReport? report = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var read = context.AddTask("Rijen lezen");
                var write = context.AddTask("Dossiers bijwerken");
                report = await importer.ImportAsync(request, new BarProgress(read, write), cancellationToken).ConfigureAwait(false);
                read.Value = read.MaxValue;
                write.Value = write.MaxValue;
            }).ConfigureAwait(false);
        return report!;
    }

    /// <summary>Output to a file or pipe: a line per tenth of the work instead of a redrawn bar.</summary>
    private sealed class LineProgress(TextWriter output) : IProgress<AbsenceImportProgress>
    {
        private int _lastTenth = -1;

        public void Report(AbsenceImportProgress value)
        {
            if (value.Phase == "lezen")
            {
                output.WriteLine($"Rijen lezen: {value.Done} rijen");
                return;
            }

            var tenth = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            if (tenth != _lastTenth)
            {
                _lastTenth = tenth;
                output.WriteLine($"Dossiers bijwerken: {value.Done} van {value.Total} leerlingen");
            }
        }
    }

    /// <summary>Moves the two bars as the import reports; called on the importer's own flow, so no context switch.</summary>
    private sealed class BarProgress(ProgressTask read, ProgressTask write) : IProgress<AbsenceImportProgress>
    {
        public void Report(AbsenceImportProgress value)
        {
            var bar = value.Phase == "lezen" ? read : write;
            bar.MaxValue = Math.Max(1, value.Total);
            bar.Value = value.Done;
        }
    }
}
