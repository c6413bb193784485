namespace VerzuimBot.Storage;

/// <summary>
/// A domain payload the storage layer does not interpret: a type discriminator and its JSON.
/// Keeps this project independent of the domain model.
/// </summary>
public sealed record StoredEnvelope(string Type, string Json);
