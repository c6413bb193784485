namespace VerzuimBot.RateLimiting;

/// <summary>
/// The per-person rate limit on /api/messages (issue 19 item 12): a token bucket per tenant and Teams user. A turn costs
/// one token; the turns that read much cost more. The defaults are far above what a person does by hand (see docs/security.md):
/// a verzuimcoördinator with 40 students who answers every card of a busy morning in a row uses about 50 tokens, and a
/// person cannot keep up more than a turn every few seconds for long; a script that sends 10 a second is slowed to one a
/// second after some ten seconds.
/// </summary>
internal sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";

    /// <summary>Off only for the load tool, which measures the bot's own throughput from a few simulated users.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The bucket: how many tokens a person may spend in one burst.</summary>
    public int TokenLimit { get; set; } = 120;

    /// <summary>How fast the bucket fills again.</summary>
    public int TokensPerMinute { get; set; } = 60;

    /// <summary>"ziek Daan", "beter Emma 2b": a search of the school's roster by name instead of one read by leerlingnummer.</summary>
    public int NameSearchCost { get; set; } = 3;

    /// <summary>"taken": every open dossier of the person's school; plus <see cref="TakenCostPerExtraSchool"/> for each further school a role reaches.</summary>
    public int TakenCost { get; set; } = 5;

    /// <summary>A leerplichtambtenaar, SWV or jeugdarts reads the open dossiers of every school of their gemeenten or scholen.</summary>
    public int TakenCostPerExtraSchool { get; set; } = 2;

    /// <summary>"overzicht", its export and its "Terug naar het overzicht": the SWV digest reads every school of the SWV.</summary>
    public int DigestCost { get; set; } = 10;

    /// <summary>"leerlingen importeren" and "absenties importeren": a download and a whole file written.</summary>
    public int ImportCost { get; set; } = 10;
}
