using System.Text.Json.Nodes;
using VerzuimBot.Messages;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.Messages;

// issue 18 item 6: every command the Teams app package offers (manifests/manifest.json, per scope) is one the bot really
// understands there: typed bare, as Teams' command menu inserts it, it gets an answer, never "Dat begrijp ik niet".
public sealed class ManifestCommandsTests
{
    private static readonly TeamsUser Sanne = new("Sanne SWV", "29:sanne", "aad-sanne", "sanne@swv.example.nl");
    private const string Channel = "19:thuiszitters@thread.tacv2";
    private const string Team = "19:swv-demo-general@thread.tacv2";
    private const string GroupChat = "19:kernpartneroverleg@thread.v2";

    public static TheoryData<string, string> ManifestCommands()
    {
        var data = new TheoryData<string, string>();
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "manifests", "manifest.json")))!;
        foreach (var list in manifest["bots"]![0]!["commandLists"]!.AsArray())
        {
            foreach (var scope in list!["scopes"]!.AsArray())
            {
                foreach (var command in list["commands"]!.AsArray())
                {
                    data.Add(scope!.GetValue<string>(), command!["title"]!.GetValue<string>());
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ManifestCommands))]
    public async Task EveryManifestCommand_IsUnderstood_InItsScope(string scope, string command)
    {
        await using var route = new RouteHarness();
        route.AddMember(Sanne);
        await route.EveryoneSaysHelloAsync(Rita, Sanne);
        var before = route.App.Connector.Calls.Count;

        var texts = scope switch
        {
            "personal" => await route.SayAsync(Rita, command),
            "team" => await route.SayInChannelAsync(Sanne, Channel, Team, command),
            "groupChat" => await route.SayAsync(Rita, "<at>VerzuimBot</at> " + command, groupChatId: GroupChat),
            _ => throw new InvalidOperationException(scope),
        };

        var answers = route.App.Connector.Calls.Skip(before).Count(c => c.Method == HttpMethod.Post);
        Assert.True(answers > 0, $"'{command}' ({scope}) got no answer");
        Assert.DoesNotContain(BotReplies.NotUnderstood, texts);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VerzuimBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No VerzuimBot.sln above " + AppContext.BaseDirectory);
    }
}
