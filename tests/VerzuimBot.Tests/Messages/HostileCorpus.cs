using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VerzuimBot.Tests.Infrastructure;

namespace VerzuimBot.Tests.Messages;

/// <summary>
/// The hostile-input corpus of issue 10 item 5, part 1: the shape of the activity. Invalid JSON and
/// bytes, missing and mistyped fields, oversized bodies, hostile ids. Every activity gets its own id so
/// that de-duplication never hides a case behind an earlier one.
/// </summary>
public static partial class HostileCorpus
{
    public const string OtherSchool = "34CD00";
    public const string OtherSchoolStudent = "900001";

    private static int _ids;

    public static IEnumerable<HostileCase> All() =>
        InvalidJson().Concat(WrongTypes()).Concat(MissingFields()).Concat(Oversized()).Concat(HostileIds())
            .Concat(ControlCharacters()).Concat(Texts()).Concat(Names()).Concat(Invokes()).Concat(CardValues());

    /// <summary>A valid Teams message in a personal chat, as a mutable tree.</summary>
    public static JsonObject Message(string text = "help", string? name = "Rita Receptie")
    {
        var message = JsonSerializer.SerializeToNode(Activities.Message(text, id: NextId()))!.AsObject();
        message["from"]!["name"] = name;
        return message;
    }

    public static string NextId() => $"hostile-{Interlocked.Increment(ref _ids)}";

    private static IEnumerable<HostileCase> InvalidJson()
    {
        var valid = Message().ToJsonString();
        string[] bodies =
        [
            "", " ", "null", "\"message\"", "42", "true", "[]", "{}", "{\"type\":null}", "{\"type\":\"\"}", "{\"type\":\"   \"}",
            "{", "}", "{\"type\":\"message\",}", "{'type':'message'}", "/* c */" + valid, valid + "// c", "{\"type\":NaN}",
            "{\"type\":\"message\" \"id\":\"x\"}", "\uFEFF" + valid, valid[..(valid.Length / 2)], valid + "}}}", valid + valid,
            new string('[', 200) + new string(']', 200), new string('{', 100), "{\"a\":" + new string('[', 70) + new string(']', 70) + "}",
            "<activity><type>message</type></activity>", "type=message&text=help", "{\"type\":\"message\",\"text\":\"\\ud800\"}",
            "{\"type\":\"message\",\"text\":\"\\u00\"}", "{\"type\":\"message\",\"text\":\"a\nb\"}", "{\"type\":\"message\",\"id\":1e999999}",
        ];
        foreach (var (body, i) in bodies.Select((b, i) => (b, i)))
        {
            yield return HostileCase.Json($"invalid json {i}", body);
        }

        // Bytes that are not UTF-8 at all, inside and outside strings.
        var prefix = Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"");
        var suffix = Encoding.UTF8.GetBytes("\"}");
        foreach (var (bytes, i) in new byte[][] { [0xFF, 0xFE], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80] }.Select((b, i) => (b, i)))
        {
            yield return new HostileCase($"invalid utf-8 {i}", [.. prefix, .. bytes, .. suffix]);
        }

        yield return new HostileCase("utf-16 body", Encoding.Unicode.GetBytes(valid));
        yield return new HostileCase("text/plain body", Encoding.UTF8.GetBytes(Message().ToJsonString()), ContentType: "text/plain");
        yield return new HostileCase("form body", Encoding.UTF8.GetBytes(Message().ToJsonString()), ContentType: "application/x-www-form-urlencoded");
        yield return new HostileCase("no content type", Encoding.UTF8.GetBytes(Message().ToJsonString()), ContentType: null);
    }

    /// <summary>Every top-level property replaced by each wrong type (the first corpus, with fresh ids).</summary>
    private static IEnumerable<HostileCase> WrongTypes()
    {
        string[] wrong = ["123", "true", "[]", "{}", "\"\"", "null", "-1e309", "\"" + new string('x', 5000) + "\""];
        foreach (var property in new[] { "type", "id", "serviceUrl", "channelId", "from", "recipient", "conversation", "text", "value", "name", "replyToId", "entities", "channelData", "membersAdded", "action" })
        {
            foreach (var value in wrong)
            {
                var message = Message();
                message[property] = JsonNode.Parse(value);
                yield return HostileCase.Json($"{property} = {value[..Math.Min(value.Length, 8)]}", message.ToJsonString());
            }
        }

        // Nested fields of the wrong type.
        (string Path, string Value)[] nested =
        [
            ("conversation.id", "12"), ("conversation.id", "{}"), ("conversation.tenantId", "[]"), ("conversation.isGroup", "\"ja\""),
            ("conversation.conversationType", "7"), ("from.id", "{}"), ("from.aadObjectId", "[1]"), ("from.name", "false"),
            ("recipient.id", "null"), ("channelData.tenant", "\"tenant-1\""), ("channelData.tenant.id", "{\"id\":\"x\"}"), ("attachments", "{}"),
            ("attachments", "[1,2]"), ("attachments", "[{\"contentType\":null}]"), ("entities", "[\"mention\"]"), ("locale", "[]"),
        ];
        foreach (var (path, value) in nested)
        {
            var message = Message();
            var parts = path.Split('.');
            var parent = parts[..^1].Aggregate((JsonNode)message, (node, part) => node[part] ??= new JsonObject());
            parent[parts[^1]] = JsonNode.Parse(value);
            yield return HostileCase.Json($"{path} = {value}", message.ToJsonString());
        }
    }

    private static IEnumerable<HostileCase> MissingFields()
    {
        foreach (var path in new[] { "type", "serviceUrl", "conversation", "conversation.id", "from", "from.id", "recipient", "channelId", "id", "text", "channelData", "conversation.tenantId" })
        {
            var message = Message();
            var parts = path.Split('.');
            var parent = parts[..^1].Aggregate((JsonNode)message, (node, part) => node[part]!);
            parent.AsObject().Remove(parts[^1]);
            yield return HostileCase.Json($"missing {path}", message.ToJsonString());
        }
    }

    private static IEnumerable<HostileCase> Oversized()
    {
        const int megabyte = 1024 * 1024;
        yield return HostileCase.Json("1 MB text", Message(new string('a', megabyte)).ToJsonString());
        yield return HostileCase.Json("4 MB text", Message(new string('ä', 2 * megabyte)).ToJsonString());
        yield return HostileCase.Json("1 MB name", Message("wie ben ik", new string('n', megabyte)).ToJsonString());
        var value = Message();
        value["value"] = new JsonObject { ["verb"] = "afwezigheid.wissen", ["blob"] = new string('v', megabyte) };
        yield return HostileCase.Json("1 MB card value", value.ToJsonString());
        yield return HostileCase.Json("1 MB of whitespace", new string(' ', megabyte) + Message().ToJsonString());
        yield return HostileCase.Json("just under the limit", Message(new string('b', 250 * 1024)).ToJsonString());
        yield return HostileCase.Json("200 KB text", Message(new string('c', 200_000)).ToJsonString());
        var entities = Message();
        entities["entities"] = new JsonArray(Enumerable.Range(0, 20_000).Select(_ => (JsonNode)new JsonObject()).ToArray());
        yield return HostileCase.Json("20000 entities", entities.ToJsonString());
        var properties = Message();
        foreach (var i in Enumerable.Range(0, 10_000))
        {
            properties[$"p{i}"] = i;
        }

        yield return HostileCase.Json("10000 unknown properties", properties.ToJsonString());
        yield return HostileCase.Json("duplicate text properties", Message().ToJsonString().Replace("\"text\":\"help\"", "\"text\":\"help\",\"text\":\"wie ben ik\"", StringComparison.Ordinal));
    }

    /// <summary>Ids end up in storage keys and connector URLs.</summary>
    private static IEnumerable<HostileCase> HostileIds()
    {
        string[] ids = ["a:../../etc/passwd", "a:x/y\\z", "a:#?%2F", "a:'; DROP TABLE t_dossiers; --", "a:PartitionKey eq 'x'", " ", "a:\u0000", "a:\u202Ex", new string('c', 512), new string('c', 513), "a:%00", "a:ünïcödé😀"];
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var message = Message();
            message["conversation"]!["id"] = id;
            yield return HostileCase.Json($"conversation id {i}", message.ToJsonString());
        }

        foreach (var (id, i) in new[] { "../x", "a/b", "x\u0001", new string('i', 256), new string('i', 257), "%2e%2e" }.Select((id, i) => (id, i)))
        {
            var message = Message();
            message["id"] = id;
            yield return HostileCase.Json($"activity id {i}", message.ToJsonString());
        }

        foreach (var (url, i) in new[] { "http://127.0.0.1:9/_connector/../../", "http://127.0.0.1:9/_connector/?x=1#f", "file:///etc/passwd", "http://169.254.169.254/", "http://[::1]:9/", "javascript:alert(1)", "http://user:pw@127.0.0.1:9/", "//127.0.0.1:9/" }.Select((u, i) => (u, i)))
        {
            var message = Message();
            message["serviceUrl"] = url;
            yield return HostileCase.Json($"serviceUrl {i}", message.ToJsonString());
        }
    }

    private static IEnumerable<HostileCase> ControlCharacters()
    {
        foreach (var c in Enumerable.Range(0, 32).Append(0x7F).Select(i => (char)i))
        {
            yield return HostileCase.Json($"control U+{(int)c:X4} in text", Message($"help{c}x{c}").ToJsonString());
        }

        yield return HostileCase.Json("control characters without a usable serviceUrl", "{\"type\":\"message\",\"serviceUrl\":\"x\",\"conversation\":{\"id\":\"c\"},\"text\":\"\\u0000\\u0001\\u001b[31m\"}");
        foreach (var c in new[] { '\u0000', '\u001b', '\u200B', '\u202E', '\u2028', '\uFEFF', '\uFFFF' })
        {
            yield return HostileCase.Json($"U+{(int)c:X4} in name", Message("wie ben ik", $"Rita{c}Receptie").ToJsonString());
        }
    }
}
