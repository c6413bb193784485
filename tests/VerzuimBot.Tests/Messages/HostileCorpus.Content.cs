using System.Text.Json;
using System.Text.Json.Nodes;
using VerzuimBot.Tests.Infrastructure;

namespace VerzuimBot.Tests.Messages;

/// <summary>
/// The hostile-input corpus, part 2: the content. Markdown and link injection in names and texts that
/// end up in replies and cards, unknown invokes, and card values for unknown students or another school.
/// </summary>
public static partial class HostileCorpus
{
    /// <summary>Markdown, links, HTML and mentions a user can put in a Teams display name or a text.</summary>
    public static readonly string[] Injections =
    [
        "[Klik hier](https://evil.example) **NU**", "![img](https://evil.example/x.png)", "**vet** _schuin_ ~~weg~~", "<a href=\"https://evil.example\">x</a>",
        "`code` ```blok```", "# Kop\n## Kop2", "> citaat", "1. lijst\n2. item", "- punt\n+ punt", "<at>Iedereen</at>", "[ref]: https://evil.example",
        "<script>alert(1)</script>", "Rita\n\n---\n[x](javascript:alert(1))", "\\*ontsnapt\\*", "Rita (https://evil.example)",
    ];

    private static IEnumerable<HostileCase> Texts()
    {
        foreach (var (text, i) in Injections.Select((t, i) => (t, i)))
        {
            yield return HostileCase.Json($"injected text {i}", Message(text).ToJsonString(), injected: [text]);
        }

        // The chat dialog: started, then answered with injections where it asks for an e-mail address.
        yield return HostileCase.Json("dialog start", Message("afwezig").ToJsonString());
        yield return HostileCase.Json("dialog date", Message("vr 4 dec").ToJsonString());
        foreach (var (text, i) in Injections.Take(4).Select((t, i) => (t, i)))
        {
            yield return HostileCase.Json($"dialog answer {i}", Message(text).ToJsonString(), injected: [text]);
        }

        yield return HostileCase.Json("dialog stop", Message("stop").ToJsonString());
    }

    private static IEnumerable<HostileCase> Names()
    {
        foreach (var (name, i) in Injections.Select((n, i) => (n, i)))
        {
            yield return HostileCase.Json($"injected name, wie ben ik {i}", Message("wie ben ik", name).ToJsonString(), injected: [name]);

            // A valid absence: the result card's footnote names the user.
            var save = Invoke("adaptiveCard/action", new { action = new { type = "Action.Execute", verb = "afwezigheid.opslaan", data = new { vervanger = "zora.zorg@demoschool.example.nl", reden = "Ziek", totEnMet = "2026-11-27" } } });
            save["from"]!["name"] = name;
            yield return HostileCase.Json($"injected name, afwezigheid card {i}", save.ToJsonString(), injected: [name]);

            var clear = Message(string.Empty, name);
            clear["value"] = new JsonObject { ["verb"] = "afwezigheid.wissen" };
            yield return HostileCase.Json($"injected name, wissen card {i}", clear.ToJsonString(), injected: [name]);
        }
    }

    private static IEnumerable<HostileCase> Invokes()
    {
        string[] names =
        [
            "task/fetch", "task/submit", "composeExtension/query", "composeExtension/submitAction", "signin/verifyState", "signin/tokenExchange",
            "fileConsent/invoke", "actionableMessage/executeAction", "config/fetch", "tab/fetch", "handoff/action", "healthCheck",
            "adaptiveCard/Action", "ADAPTIVECARD/ACTION", "adaptiveCard/action ", "adaptiveCard/action/../x", "", new string('n', 10_000), "adaptiveCard\u0000/action",
            "<script>", "message/submitAction",
        ];
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            yield return HostileCase.Json($"invoke name {i}", Invoke(name, new { action = new { type = "Action.Execute", verb = "afwezigheid.opslaan", data = new { } } }).ToJsonString());
        }

        var noName = Invoke("x", new { });
        noName.Remove("name");
        yield return HostileCase.Json("invoke without name", noName.ToJsonString());

        // adaptiveCard/action with values of every wrong shape.
        string[] values =
        [
            "null", "\"geen object\"", "[]", "{}", "{\"action\":null}", "{\"action\":[]}", "{\"action\":\"Action.Execute\"}",
            "{\"action\":{\"type\":\"Action.Execute\",\"verb\":null,\"data\":\"geen object\"}}", "{\"action\":{\"type\":\"Action.Execute\",\"verb\":42}}",
            "{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"" + new string('v', 20_000) + "\"}}", "{\"action\":{\"type\":\"Action.Submit\",\"verb\":\"afwezigheid.opslaan\",\"data\":[]}}",
            "{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"onbekend.werkwoord\",\"data\":{}}}", "{\"action\":{\"verb\":\"afwezigheid.opslaan\",\"data\":" + new string('[', 60) + new string(']', 60) + "}}",
            "{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"afwezigheid.opslaan\",\"data\":{\"totEnMet\":[],\"reden\":{},\"vervanger\":1}}}",
        ];
        foreach (var (value, i) in values.Select((v, i) => (v, i)))
        {
            var invoke = Invoke("adaptiveCard/action", new { });
            invoke["value"] = JsonNode.Parse(value);
            yield return HostileCase.Json($"card action value {i}", invoke.ToJsonString(), HostileStoreRule.NoDomainData);
        }
    }

    /// <summary>Card values the bot must refuse: unknown students, another school's student, impossible values.</summary>
    private static IEnumerable<HostileCase> CardValues()
    {
        (string Leerling, string EersteDag, string Terug, string Ouder)[] ziekmeldingen =
        [
            (OtherSchoolStudent, "2026-11-23", "", "ja"), ("999999", "2026-11-23", "", "ja"), ("", "2026-11-23", "", "ja"), ("   ", "2026-11-23", "", "nee"),
            ("' or PartitionKey ne '", "2026-11-23", "", "ja"), ("../../Dossiers/12AB00", "2026-11-23", "", "ja"), ("100001|34CD00", "2026-11-23", "", "ja"),
            (new string('9', 5000), "2026-11-23", "", "ja"), ("[Klik](https://evil.example)", "2026-11-23", "", "ja"), ("100001\u0000", "2026-11-23", "", "ja"),
            (OtherSchoolStudent, "31-02-2026", "", "ja"), (OtherSchoolStudent, "2026-02-31", "", "ja"), (OtherSchoolStudent, "gisteren", "", "ja"),
            (OtherSchoolStudent, "9999-12-31", "", "ja"), (OtherSchoolStudent, "0001-01-01", "", "ja"), (OtherSchoolStudent, "2026-11-23", "2026-11-01", "ja"),
            (OtherSchoolStudent, "2026-11-23", "**morgen**", "misschien"), (OtherSchoolStudent, "2026-11-23", "", "<at>mentor</at>"),
        ];
        foreach (var (z, i) in ziekmeldingen.Select((z, i) => (z, i)))
        {
            var invoke = Invoke("adaptiveCard/action", new { action = new { type = "Action.Execute", verb = "ziekmelding.opslaan", data = new { leerling = z.Leerling, eersteDag = z.EersteDag, terug = z.Terug, ouderBeltMentor = z.Ouder } } });
            yield return HostileCase.Json($"ziekmelding {i}", invoke.ToJsonString(), HostileStoreRule.NoDomainData, [z.Leerling, z.Terug, z.Ouder]);
        }

        // Mistyped ziekmelding data, another tenant, and the same values as an Action.Submit message.
        foreach (var (data, i) in new[] { "{\"leerling\":900001}", "{\"leerling\":[\"900001\"]}", "{\"leerling\":{\"id\":\"900001\"}}", "{\"leerling\":null,\"eersteDag\":20261123}", "[]", "\"900001\"" }.Select((d, i) => (d, i)))
        {
            var invoke = Invoke("adaptiveCard/action", new { action = new { type = "Action.Execute", verb = "ziekmelding.opslaan" } });
            invoke["value"]!["action"]!["data"] = JsonNode.Parse(data);
            yield return HostileCase.Json($"ziekmelding mistyped {i}", invoke.ToJsonString(), HostileStoreRule.NoDomainData);
        }

        var otherTenant = Invoke("adaptiveCard/action", new { action = new { type = "Action.Execute", verb = "ziekmelding.opslaan", data = new { leerling = OtherSchoolStudent, eersteDag = "2026-11-23", terug = "", ouderBeltMentor = "ja" } } });
        otherTenant["conversation"]!["tenantId"] = "tenant-of-another-school";
        yield return HostileCase.Json("ziekmelding from another tenant", otherTenant.ToJsonString(), HostileStoreRule.NoDomainData);

        foreach (var (leerling, i) in new[] { OtherSchoolStudent, "999999" }.Select((l, i) => (l, i)))
        {
            var submit = Message(string.Empty);
            submit["value"] = new JsonObject { ["verb"] = "ziekmelding.opslaan", ["leerling"] = leerling, ["eersteDag"] = "2026-11-23", ["terug"] = "", ["ouderBeltMentor"] = "ja" };
            yield return HostileCase.Json($"ziekmelding as Action.Submit {i}", submit.ToJsonString(), HostileStoreRule.NoDomainData);
        }

        // The absence card with values it must refuse: nothing may be stored.
        (string Vervanger, string Reden, string TotEnMet)[] absences =
        [
            ("[x](https://evil.example)", "Ziek", "2026-11-27"), ("zora.zorg@demoschool.example.nl", "**Vakantie**", "2026-11-27"), ("zora.zorg@demoschool.example.nl", "Ziek", "2026-11-01"),
            ("zora.zorg@demoschool.example.nl", "Ziek", "31-02-2027"), ("zora.zorg@demoschool.example.nl", "Ziek", new string('1', 3000)), ("a@b", "Ziek", "2026-11-27"),
            ("<script>@x.nl", "Anders", "2026-11-27"), (new string('z', 300) + "@x.nl", "Verlof", "2026-11-27"),
        ];
        foreach (var (a, i) in absences.Select((a, i) => (a, i)))
        {
            var invoke = Invoke("adaptiveCard/action", new { action = new { type = "Action.Execute", verb = "afwezigheid.opslaan", data = new { vervanger = a.Vervanger, reden = a.Reden, totEnMet = a.TotEnMet } } });
            yield return HostileCase.Json($"afwezigheid refused {i}", invoke.ToJsonString(), HostileStoreRule.NoDomainData, [a.Vervanger, a.Reden, a.TotEnMet]);
        }
    }

    private static JsonObject Invoke(string name, object value) =>
        JsonSerializer.SerializeToNode(Activities.Invoke(name, value, id: NextId()))!.AsObject();
}
