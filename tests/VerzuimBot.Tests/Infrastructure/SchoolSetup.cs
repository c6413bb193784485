using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Access.Roster;
using VerzuimBot.Storage;
using VerzuimBot.Tests.SickRoute;

namespace VerzuimBot.Tests.Infrastructure;

/// <summary>What a beheerder sets up for the demo school (99DE00) before a scenario: a roster entry's facts, or a profile of its own.</summary>
internal static class SchoolSetup
{
    /// <summary>The roster import brings the birth date and the startkwalificatie (README, beheer); here one demo entry is set as an import would.</summary>
    public static async Task SetRosterFactsAsync(this RouteHarness route, string leerlingnummer, DateOnly? birthDate, bool? startkwalificatie = false)
    {
        var roster = route.App.Services.GetRequiredService<RosterStore>();
        var stored = (await roster.FindStudentAsync("99DE00", route.StudentIdOf(leerlingnummer).Value))!;
        var details = RosterStudentDetails.FromEnvelope(stored.Details)! with { Geboortedatum = birthDate, Startkwalificatie = startkwalificatie };
        await roster.UpsertStudentAsync(stored with { Details = details.ToEnvelope() });
    }
}

/// <summary>
/// A profile file of the school's own in the host's profiles/ folder (read before the shipped defaults, so a beheerder's edit
/// counts): a shipped profile with <c>change</c> applied, under a fresh id. Removed again on dispose.
/// </summary>
internal sealed class OwnProfile : IDisposable
{
    private OwnProfile(string id, string file)
    {
        Id = id;
        File = file;
    }

    public string Id { get; }

    private string File { get; }

    /// <summary>The host setting that gives the demo school this profile.</summary>
    public Dictionary<string, string?> ForDemoSchool => new() { ["Schools:Items:99DE00:Profile"] = Id };

    public static OwnProfile Write(string basedOn, string idPrefix, Action<JsonObject> change)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "profiles");
        var source = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(folder, basedOn + ".json")), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        var id = $"{idPrefix}-{Guid.NewGuid().ToString("N")[..8]}";
        source["id"] = id;
        change(source);
        var file = Path.Combine(folder, id + ".json");
        System.IO.File.WriteAllText(file, source.ToJsonString());
        return new OwnProfile(id, file);
    }

    public void Dispose() => System.IO.File.Delete(File);
}
