namespace VerzuimBot.Hosting.Startup;

/// <summary>
/// One named check of the host's configuration: <see cref="Problem"/> says what is wrong with <see cref="Key"/>
/// (null when it is fine), <see cref="Fix"/> what to set instead.
/// </summary>
internal sealed record ConfigurationCheck(string Key, string Fix, Func<ConfigurationCheck.Context, string?> Problem)
{
    /// <summary>What a check may look at.</summary>
    public sealed record Context(IConfiguration Configuration, IHostEnvironment Environment)
    {
        public bool IsDevelopment => Environment.IsDevelopment();

        public string? this[string key] => Configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }

    /// <summary>
    /// Whether the <c>beheer</c> CLI needs this key too: it works on the same store, key and organisations, but never talks
    /// to Teams, so the bot's own keys (app id, public address, serviceUrls) are not asked of it.
    /// </summary>
    public bool AlsoForBeheer { get; init; }

    /// <summary>The environment variable that sets <see cref="Key"/> (App Service app settings use the same name).</summary>
    public string EnvironmentVariable => Key.Replace(":", "__", StringComparison.Ordinal);
}
