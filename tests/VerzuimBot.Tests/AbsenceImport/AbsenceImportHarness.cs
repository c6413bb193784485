using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.AbsenceImport;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Tests.SickRoute;

namespace VerzuimBot.Tests.AbsenceImport;

/// <summary>Imports the synthetic exports of tests/…/AbsenceImport/Exports into the demo school (99DE00) as its verzuimcoördinator.</summary>
internal static class AbsenceImportHarness
{
    public const string School = "99DE00";

    public static readonly Actor Vera = new(new StaffId("vera.verzuim@demoschool.example.nl"), Role.Verzuimcoordinator);

    public static byte[] Export(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "AbsenceImport", "Exports", name));

    public static Task<AbsenceImportReport> ImportAsync(this RouteHarness route, string file, string mapping, bool dryRun = false, bool goodRowsOnly = false) =>
        route.ImportBytesAsync(file, Export(file), mapping, dryRun, goodRowsOnly);

    public static Task<AbsenceImportReport> ImportBytesAsync(this RouteHarness route, string file, byte[] content, string mapping, bool dryRun = false, bool goodRowsOnly = false) =>
        route.App.Services.GetRequiredService<AbsenceImporter>().ImportAsync(
            new AbsenceImportRequest(School, file, content, AbsenceMapping.BuiltIn(mapping) ?? AbsenceMapping.FromJson(mapping), Vera, School, dryRun, goodRowsOnly));

    public static Task<DossierView> DossierAsync(this RouteHarness route, string leerlingnummer) =>
        route.App.Services.GetRequiredService<DossierService>().ReadAsync(School, route.StudentIdOf(leerlingnummer));

    /// <summary>Every stored event of the student, retracted ones and retractions included, in order.</summary>
    public static async Task<IReadOnlyList<DossierEvent>> StoredEventsAsync(this RouteHarness route, string leerlingnummer)
    {
        var dossier = await route.App.Services.GetRequiredService<Storage.DossierStore>().ReadAsync(School, route.StudentIdOf(leerlingnummer).Value);
        return dossier.Events.Select(e => DossierEventSerializer.Deserialize(e.Event.Payload.Json)).ToList();
    }

    public static SchoolProtocol Protocol(this RouteHarness route) => route.App.Services.GetRequiredService<SchoolProtocols>().For(School);

    /// <summary>The hours ladder and the legal clock of the student on <paramref name="today"/> (004 Verzuimschema; domain.md §4).</summary>
    public static async Task<UnauthorisedTotals> TotalsAsync(this RouteHarness route, string leerlingnummer, DateOnly today) =>
        UnauthorisedTotals.Of(await route.DossierAsync(leerlingnummer), route.Protocol(), today);
}
