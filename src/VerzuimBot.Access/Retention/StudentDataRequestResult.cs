namespace VerzuimBot.Access.Retention;

/// <summary>
/// Outcome of an inzage- or verwijderverzoek: <see cref="Json"/> holds the export (inzage) and
/// <see cref="Message"/> Dutch text for the beheerder (also the refusal when not allowed).
/// </summary>
public sealed record StudentDataRequestResult(bool Succeeded, string Message, string? Json = null);
