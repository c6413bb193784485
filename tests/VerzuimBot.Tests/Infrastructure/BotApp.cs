using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using VerzuimBot.Connector.Client;

namespace VerzuimBot.Tests.Infrastructure;

/// <summary>
/// The real host in-process: a fake connector behind the outbound client, a temp data directory,
/// a chosen environment and remote address, and optionally a local OpenID metadata document.
/// </summary>
public sealed class BotApp : WebApplicationFactory<Program>
{
    public const string ServiceUrl = "http://127.0.0.1:9/_connector/";
    public const string ProductionServiceUrl = "https://smba.test.example/emea/";
    private readonly string _environment;
    private readonly IPAddress _remote;
    private readonly Dictionary<string, string?> _settings;
    private readonly HttpMessageHandler? _metadata;

    private readonly bool _fixedTime;

    /// <summary>The store directory was made for this instance, so it goes with it (a full test run left ~160 MB behind).</summary>
    private readonly bool _ownsDataDirectory;
    private readonly Action<IServiceCollection>? _services;

    public BotApp(string environment = "Development", IPAddress? remote = null, Dictionary<string, string?>? settings = null, HttpMessageHandler? metadata = null, string? dataDirectory = null, bool fixedTime = true, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _fixedTime = fixedTime;
        _environment = environment;
        _remote = remote ?? IPAddress.Loopback;
        _metadata = metadata;
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "verzuimbot-tests", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>(settings ?? []) { ["TableStorage:DataDirectory"] = DataDirectory };
        if (environment != "Development")
        {
            // Outside Development the host does not start without a pseudonym key; a test may set its own, or "" for none.
            _settings.TryAdd("Privacy:PseudonymKey", TestPseudonymKey);
        }

        // The local tools' opt-in (issue 18): tests that talk to a Development host without a token set it, unless they test its absence.
        if (environment == "Development")
        {
            _settings.TryAdd("Bot:AllowUnauthenticatedLoopback", "true");
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDataDirectory && Directory.Exists(DataDirectory))
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a file still held open stays in the temp directory.
            }
        }
    }

    /// <summary>A complete production configuration (start-up validation passes), plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, string?> ProductionSettings(string appId = "11111111-1111-1111-1111-111111111111", Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Bot:MicrosoftAppId"] = appId,
            ["Bot:MicrosoftAppPassword"] = "test-only-not-used",
            ["Digest:PublicBaseUrl"] = "https://verzuimbot.school.example",
            ["Connector:AllowedServiceUrls:0"] = "https://smba.trafficmanager.net/emea/",
            ["Tenants:Organisations:0:Id"] = "12AB00",
            ["Tenants:Organisations:0:Kind"] = "School",
            ["Tenants:Organisations:0:Name"] = "Demoschool",
            ["Tenants:Organisations:0:TenantIds:0"] = Activities.Tenant,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A pseudonym key for tests outside Development (32 bytes, base64); never a real one.</summary>
    public const string TestPseudonymKey = "dGVzdC1wc2V1ZG9ueW0ta2V5LW5ldmVyLWZvci1yZWFsLWRhdGEtISE=";

    /// <summary>Monday 23 November 2026, 09:00 in Amsterdam: every test runs on the same day.</summary>
    public static DateTimeOffset Now { get; } = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));

    public FakeConnector Connector { get; } = new();

    public string DataDirectory { get; }

    public Task<HttpResponseMessage> PostActivityAsync(object activity, string? bearer = null) =>
        PostRawAsync(System.Text.Json.JsonSerializer.Serialize(activity), bearer);

    public async Task<HttpResponseMessage> PostRawAsync(string json, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        return await CreateClient().SendAsync(request);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Host settings are read before Program adds appsettings.Demo.json; the same values added last win over that file,
        // so a test can change what the demo configures (e.g. a kernpartner's service area).
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter>(new RemoteAddressFilter(_remote));
            if (_fixedTime)
            {
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FixedTime(Now)));
            }
            services.AddHttpClient<ConnectorClient>().ConfigurePrimaryHttpMessageHandler(() => Connector);

            // Tests never ask Entra for a token (no traffic beyond loopback): a fixed one proves it is attached.
            services.Replace(ServiceDescriptor.Singleton<IConnectorTokenProvider>(new FixedToken(_environment == "Development" ? null : "test-outbound-token")));
            if (_metadata is not null)
            {
                services.AddHttpClient("openid").ConfigurePrimaryHttpMessageHandler(() => _metadata);
            }

            _services?.Invoke(services);
        });
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    private sealed class FixedToken(string? token) : IConnectorTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult(token);
    }

    private sealed class RemoteAddressFilter(IPAddress remote) : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(async (Microsoft.AspNetCore.Http.HttpContext context, Func<Task> nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = remote;
                await nextMiddleware();
            });
            next(app);
        };
    }
}
