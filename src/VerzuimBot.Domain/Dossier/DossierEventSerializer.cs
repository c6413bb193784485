using System.Text.Json;
using System.Text.Json.Serialization;

namespace VerzuimBot.Domain.Dossier;

/// <summary>
/// Turns events into (type, json) pairs for storage and back. The type strings are the stable
/// discriminators on <see cref="DossierEvent"/>; renaming a C# type never breaks stored dossiers.
/// </summary>
public static class DossierEventSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static (string Type, string Json) Serialize(DossierEvent dossierEvent)
    {
        ArgumentNullException.ThrowIfNull(dossierEvent);
        var json = JsonSerializer.Serialize(dossierEvent, Options);
        using var document = JsonDocument.Parse(json);
        return (document.RootElement.GetProperty("$type").GetString()!, json);
    }

    public static DossierEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<DossierEvent>(json, Options) ?? throw new JsonException("Empty dossier event.");
}
