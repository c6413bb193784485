using System.Text;
using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Pseudonyms;
using VerzuimBot.Access.Retention;
using VerzuimBot.Access.Roles;
using VerzuimBot.Access.Roster;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Cli;

/// <summary>
/// The beheerder's command line, run by the host as <c>dotnet VerzuimBot.dll beheer ...</c>.
/// Whoever runs it has server access, so it acts as beheerder of every configured organisation
/// (audited as <c>--door &lt;e-mail&gt;</c>, default "beheer-cli"). Exit codes: 0 done, 1 refused or
/// invalid input, 2 usage.
/// </summary>
public sealed class BeheerCli(
    RosterImporter importer, RoleAssignmentService roles, AuditTrail audit, InzageExporter inzage, StudentDataEraser eraser, RetentionJob retention, PseudonymMigration pseudonyms, StudentIds ids, TenantPolicy tenants, TimeProvider time)
{
    public const string Usage = """
        Gebruik:
          roster import <bestand.csv> --school <BRIN> --type PO|VO|VSO [--mapping <kolomindeling.json>] [--good-rows-only]
          absences import <bestand.csv|.xlsx> --school <BRIN> [--mapping magister|somtoday|parnassys|<indeling.json>] [--dry-run] [--good-rows-only]
          roles assign <rol> <e-mail> [bereik] --org <organisatie>
          roles revoke <rol> <e-mail> [bereik] --org <organisatie>
          roles list [e-mail] --org <organisatie>
          audit <leerling-id of leerlingnummer> --school <BRIN>
          inzage <leerling-id of leerlingnummer> --school <BRIN> [--out <bestand.json>]
          delete <leerling-id of leerlingnummer> --school <BRIN> --confirm
          retention run [--school <BRIN>]
          pseudonyms migrate --from-unkeyed [--dry-run]
        Algemeen: --door <e-mail> (wie dit doet, voor de audittrail)
        """;

    public async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parsed = CliArguments.Parse(args);
        try
        {
            return parsed.Words switch
            {
                ["roster", "import", var file] => await ImportAsync(file, parsed, output, error, cancellationToken).ConfigureAwait(false),
                ["roles", "assign" or "revoke", ..] or ["roles", "list", ..] => await RolesAsync(parsed, output, error, cancellationToken).ConfigureAwait(false),
                ["audit", var student] => await AuditAsync(student, parsed, output, error, cancellationToken).ConfigureAwait(false),
                ["inzage", var student] => await InzageAsync(student, parsed, output, error, cancellationToken).ConfigureAwait(false),
                ["delete", var student] => await DeleteAsync(student, parsed, output, error, cancellationToken).ConfigureAwait(false),
                ["retention", "run"] => await RetentionAsync(parsed, output, error, cancellationToken).ConfigureAwait(false),
                ["pseudonyms", "migrate"] => await PseudonymsAsync(parsed, output, cancellationToken).ConfigureAwait(false),
                _ => await UsageAsync(error).ConfigureAwait(false),
            };
        }
        catch (CliUsageException exception)
        {
            await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return 2;
        }
    }

    private async Task<int> ImportAsync(string file, CliArguments parsed, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var school = new SchoolId(parsed.Required("school"));
        if (!Enum.TryParse<SchoolType>(parsed.Required("type"), ignoreCase: true, out var type) || !Enum.IsDefined(type))
        {
            throw new CliUsageException("--type moet PO, VO of VSO zijn.");
        }

        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"Bestand '{file}' bestaat niet.").ConfigureAwait(false);
            return 1;
        }

        RosterColumnMapping mapping;
        try
        {
            mapping = parsed.Optional("mapping") is { } mappingFile ? RosterColumnMapping.FromJson(await File.ReadAllTextAsync(mappingFile, cancellationToken).ConfigureAwait(false)) : new RosterColumnMapping();
        }
        catch (Exception exception) when (exception is FormatException or IOException)
        {
            await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return 1;
        }

        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var progress = new SynchronousProgress(rows => output.WriteLine($"... {rows} rijen gelezen"));
        var report = await importer.ImportAsync(school, reader, new RosterImportOptions(type, mapping, parsed.Flag("good-rows-only") || parsed.Flag("alleen-goede-rijen")), progress, cancellationToken).ConfigureAwait(false);
        foreach (var line in report.Lines())
        {
            await (report.Imported ? output : error).WriteLineAsync(line).ConfigureAwait(false);
        }

        return report.Imported ? 0 : 1;
    }

    private async Task<int> RolesAsync(CliArguments parsed, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var organisation = parsed.Required("org");
        var words = parsed.Words.Skip(1).ToList();
        var text = words[0] == "list"
            ? string.Join(' ', words.Skip(1).Prepend("rollen"))
            : string.Join(' ', words.Skip(1).Prepend(words[0] == "assign" ? "toekennen" : "intrekken").Prepend("rol"));
        var command = RoleCommandParser.Parse(text, organisation, ids);
        if (!command.IsSuccess)
        {
            await error.WriteLineAsync(command.Error).ConfigureAwait(false);
            return 1;
        }

        var result = await roles.ExecuteAsync(Operator(parsed), organisation, command.Command!, cancellationToken).ConfigureAwait(false);
        await (result.Succeeded ? output : error).WriteLineAsync(result.Text).ConfigureAwait(false);
        return result.Succeeded ? 0 : 1;
    }

    private async Task<int> AuditAsync(string student, CliArguments parsed, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var school = parsed.Required("school");
        var studentId = StudentIdOf(school, student);
        var decision = AccessPolicy.Decide(Operator(parsed), AccessAction.ViewAuditTrail, new StudentContext(school, studentId, string.Empty, string.Empty), time.GetUtcNow());
        if (!decision.IsAllowed)
        {
            await error.WriteLineAsync(decision.Reason).ConfigureAwait(false);
            return 1;
        }

        var lines = await audit.StudentTrailAsync(school, studentId, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"Audittrail van leerling {studentId} ({lines.Count} regels):").ConfigureAwait(false);
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        return 0;
    }

    private async Task<int> InzageAsync(string student, CliArguments parsed, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var school = parsed.Required("school");
        var result = await inzage.ExportAsync(Operator(parsed), school, StudentIdOf(school, student), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            await error.WriteLineAsync(result.Message).ConfigureAwait(false);
            return 1;
        }

        if (parsed.Optional("out") is { } file)
        {
            await File.WriteAllTextAsync(file, result.Json, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"{result.Message} Opgeslagen in {file}.").ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync(result.Json).ConfigureAwait(false);
        }

        return 0;
    }

    private async Task<int> DeleteAsync(string student, CliArguments parsed, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var school = parsed.Required("school");
        if (!parsed.Flag("confirm"))
        {
            await error.WriteLineAsync("Verwijderen kan niet ongedaan worden gemaakt. Voeg --confirm toe als je het zeker weet.").ConfigureAwait(false);
            return 1;
        }

        var result = await eraser.EraseAsync(Operator(parsed), school, StudentIdOf(school, student), cancellationToken).ConfigureAwait(false);
        await (result.Succeeded ? output : error).WriteLineAsync(result.Message).ConfigureAwait(false);
        return result.Succeeded ? 0 : 1;
    }

    private async Task<int> RetentionAsync(CliArguments parsed, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var report = parsed.Optional("school") is { } school
            ? await retention.RunForSchoolAsync(school, cancellationToken).ConfigureAwait(false)
            : await retention.RunAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(report.Summary).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Run once after upgrading, with every bot instance stopped (README): the ids of earlier versions were computable.</summary>
    private async Task<int> PseudonymsAsync(CliArguments parsed, TextWriter output, CancellationToken cancellationToken)
    {
        if (!parsed.Flag("from-unkeyed"))
        {
            throw new CliUsageException("Geef aan waarvandaan: --from-unkeyed (de ongesleutelde leerling-ids van versies zonder Privacy:PseudonymKey).");
        }

        var report = await pseudonyms.FromUnkeyedAsync(parsed.Flag("dry-run"), cancellationToken).ConfigureAwait(false);
        foreach (var line in report.Lines())
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<int> UsageAsync(TextWriter error)
    {
        await error.WriteLineAsync(Usage).ConfigureAwait(false);
        return 2;
    }

    /// <summary>The person at the server's console: beheerder of every configured organisation.</summary>
    private AccessActor Operator(CliArguments parsed) => new(
        parsed.Optional("door") is { } door ? EmailAddress.Normalise(door) : "beheer-cli",
        "cli",
        tenants.Organisations.Select(o => new RoleGrant(Role.Beheerder, o.Id, o.Kind, RoleScope.Organisation, DateTimeOffset.MinValue)).ToList());

    /// <summary>Accepts the student id ("s-…") or the leerlingnummer the beheerder knows.</summary>
    private string StudentIdOf(string school, string student) =>
        student.StartsWith("s-", StringComparison.Ordinal) ? student : ids.For(new SchoolId(school), student).Value;

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
