using System.Text.Json;
using System.Text.Json.Nodes;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;

namespace VerzuimBot.Domain.Tests.Rules;

public abstract class ScenarioBase
{
    protected DossierBuilder Dossier { get; } = new();

    protected static ProtocolEngine Engine(string profileId = ProtocolProfiles.UtrechtWestVo)
    {
        var profile = ProtocolProfiles.Load(profileId);
        // The holiday region is the school's (issue 20): every scenario school lies in region midden unless a test says otherwise.
        return new ProtocolEngine(profile, SchoolCalendar.ForRegion(HolidayRegion.Midden));
    }

    protected IReadOnlyList<DueTask> TasksAt(DateTimeOffset now, string profileId = ProtocolProfiles.UtrechtWestVo) =>
        Engine(profileId).Evaluate(Dossier.View, now);

    protected static DueTask Single(IEnumerable<DueTask> tasks, TaskKind kind, Domain.Identity.Role? role = null) =>
        Assert.Single(tasks, t => t.Kind == kind && (role is null || t.Assignee == role));

    /// <summary>The shipped utrecht-west-vo profile file with <paramref name="change"/> applied, as a beheerder would edit it.</summary>
    protected static string MutatedProfileJson(Action<JsonObject> change)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "profiles", "utrecht-west-vo.json");
        var node = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    protected static void None(IEnumerable<DueTask> tasks, TaskKind kind) => Assert.DoesNotContain(tasks, t => t.Kind == kind);

    protected static DateTimeOffset AtHalfNine(DateOnly date) => SchoolClock.At(date, new TimeOnly(8, 30));
}
