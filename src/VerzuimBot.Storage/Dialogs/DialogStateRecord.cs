namespace VerzuimBot.Storage;

/// <summary>A conversation's dialog state (JSON) and the ETag to pass back when saving it.</summary>
public sealed record DialogStateRecord(string StateJson, string ETag);
