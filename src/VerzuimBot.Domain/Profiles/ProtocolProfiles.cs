namespace VerzuimBot.Domain.Profiles;

/// <summary>The default profiles shipped with the product (Profiles/Data/*.json, also copied next to the host as profiles/).</summary>
public static class ProtocolProfiles
{
    public const string UtrechtWestVo = "utrecht-west-vo";
    public const string PoVoVerzuimschema = "po-vo-verzuimschema";
    public const string VeluweZeeluwe = "veluwe-zeeluwe";
    public const string MazlLandelijk = "mazl-landelijk";

    public static IReadOnlyList<string> Names { get; } = [UtrechtWestVo, PoVoVerzuimschema, VeluweZeeluwe, MazlLandelijk];

    /// <summary>The embedded default profile with this id.</summary>
    public static ProtocolProfile Load(string id)
    {
        using var stream = typeof(ProtocolProfiles).Assembly.GetManifestResourceStream($"VerzuimBot.Domain.Profiles.{id}.json")
            ?? throw new ArgumentException($"Onbekend protocolprofiel '{id}'.", nameof(id));
        using var reader = new StreamReader(stream);
        return ProtocolProfileParser.Parse(reader.ReadToEnd());
    }
}
