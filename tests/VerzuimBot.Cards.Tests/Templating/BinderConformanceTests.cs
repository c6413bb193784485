using System.Text.Json.Nodes;
using VerzuimBot.Cards.Tests.Infrastructure;

namespace VerzuimBot.Cards.Tests.Templating;

/// <summary>Runs every <see cref="BinderConformanceCases"/> case through the official library in one Node call.</summary>
public sealed class OfficialConformanceFixture
{
    private readonly Lazy<JsonArray> _answers = new(() =>
    {
        var requests = new JsonArray();
        foreach (var id in BinderConformanceCases.All.Keys)
            requests.Add(new JsonObject { ["id"] = id, ["template"] = BinderConformanceCases.Template(id), ["data"] = BinderConformanceCases.Data(id) });
        return NodeScript.Run("cards/card-checks.js", new JsonObject { ["expand"] = requests })["expand"]!.AsArray();
    });

    public JsonObject Official(string id) => _answers.Value.Single(a => a!["id"]!.GetValue<string>() == id)!.AsObject();
}

public sealed class BinderConformanceTests(OfficialConformanceFixture fixture) : IClassFixture<OfficialConformanceFixture>
{
    public static TheoryData<string> Cases() => new(BinderConformanceCases.All.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Binder_expands_like_official_adaptivecards_templating(string id)
    {
        var official = fixture.Official(id);
        Assert.True(official["ok"]!.GetValue<bool>(), $"official library failed: {official["error"]}");
        var ours = AdaptiveCardTemplate.Expand(BinderConformanceCases.Template(id), BinderConformanceCases.Data(id), MissingFieldHandling.KeepLiteral);
        Assert.Equal(JsonCanonical.Write(official["result"]), JsonCanonical.Write(ours));
    }
}
