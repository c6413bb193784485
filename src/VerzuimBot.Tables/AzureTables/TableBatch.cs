using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace VerzuimBot.Tables.AzureTables;

/// <summary>
/// The multipart/mixed body of an entity group transaction (one changeset) and the parsing of
/// its answer. On failure the service answers with one sub-response whose message starts with
/// the failing action's index ("2:The specified entity already exists.").
/// </summary>
internal static partial class TableBatch
{
    public sealed record SubResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

    public static (byte[] Body, string ContentType) Build(Uri tableEndpoint, string tableName, IReadOnlyList<TableTransactionAction> actions, string acceptHeader)
    {
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("N");
        var text = new StringBuilder();
        text.Append("--").Append(batchBoundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var entity = action.Entity;
            var (method, path, ifMatch) = action.Type switch
            {
                TableTransactionActionType.Add => ("POST", tableName, (string?)null),
                TableTransactionActionType.UpsertMerge => ("MERGE", AzureTableStore.EntityPath(tableName, entity.PartitionKey, entity.RowKey), null),
                TableTransactionActionType.UpsertReplace => ("PUT", AzureTableStore.EntityPath(tableName, entity.PartitionKey, entity.RowKey), null),
                TableTransactionActionType.UpdateMerge => ("MERGE", AzureTableStore.EntityPath(tableName, entity.PartitionKey, entity.RowKey), action.IfMatch),
                TableTransactionActionType.UpdateReplace => ("PUT", AzureTableStore.EntityPath(tableName, entity.PartitionKey, entity.RowKey), action.IfMatch),
                TableTransactionActionType.Delete => ("DELETE", AzureTableStore.EntityPath(tableName, entity.PartitionKey, entity.RowKey), action.IfMatch),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.Type, "Unknown action."),
            };
            text.Append("--").Append(changesetBoundary).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n\r\n")
                .Append(method).Append(' ').Append(tableEndpoint.AbsoluteUri.TrimEnd('/')).Append('/').Append(path).Append(" HTTP/1.1\r\n")
                .Append("Accept: ").Append(acceptHeader).Append("\r\n")
                .Append("DataServiceVersion: 3.0;\r\n")
                .Append("Content-ID: ").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            if (ifMatch is not null)
            {
                text.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            }

            if (action.Type == TableTransactionActionType.Delete)
            {
                text.Append("\r\n");
            }
            else
            {
                text.Append("Content-Type: application/json\r\n");
                if (action.Type == TableTransactionActionType.Add)
                {
                    text.Append("Prefer: return-no-content\r\n");
                }

                text.Append("\r\n").Append(Encoding.UTF8.GetString(EntityJson.Serialize(entity))).Append("\r\n");
            }
        }

        text.Append("--").Append(changesetBoundary).Append("--\r\n")
            .Append("--").Append(batchBoundary).Append("--\r\n");
        return (Encoding.UTF8.GetBytes(text.ToString()), "multipart/mixed; boundary=" + batchBoundary);
    }

    public static IReadOnlyList<SubResponse> Parse(string body)
    {
        var responses = new List<SubResponse>();
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = StatusLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var status = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            i++;
            for (; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
                }
            }

            var content = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                content.Append(lines[i]).Append('\n');
            }

            i--;
            responses.Add(new SubResponse(status, headers, content.ToString().Trim()));
        }

        return responses;
    }

    /// <summary>The index of the failing action, from the error message prefix, the Content-ID, or the position.</summary>
    public static int FailedIndex(SubResponse failure, int position, int actionCount)
    {
        var message = ErrorMessage(failure.Body);
        if (message is not null)
        {
            var prefix = IndexPrefix().Match(message);
            if (prefix.Success && int.TryParse(prefix.Groups[1].Value, CultureInfo.InvariantCulture, out var index) && index < actionCount)
            {
                return index;
            }
        }

        if (failure.Headers.TryGetValue("Content-ID", out var contentId) && int.TryParse(contentId, CultureInfo.InvariantCulture, out var id) && id < actionCount)
        {
            return id;
        }

        return Math.Min(position, actionCount - 1);
    }

    public static (string? Code, string? Message) Error(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("odata.error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m)
                    ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                    : null;
                return (code, message);
            }
        }
        catch (JsonException)
        {
        }

        return (null, null);
    }

    private static string? ErrorMessage(string body) => Error(body).Message;

    [GeneratedRegex(@"^HTTP/1\.1 (\d{3})")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex IndexPrefix();
}
