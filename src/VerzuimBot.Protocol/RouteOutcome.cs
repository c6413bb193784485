namespace VerzuimBot.Protocol;

/// <summary>The outcome of a route command: a Dutch sentence, and whether something was stored.</summary>
internal sealed record RouteOutcome(bool Stored, string Message);
