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

    /// <summary>The environment variable that sets <see cref="Key"/> (App Service app settings use the same name).</summary>
    public string EnvironmentVariable => Key.Replace(":", "__", StringComparison.Ordinal);
}
