using Microsoft.Extensions.Options;
using VerzuimBot.Cards;
using VerzuimBot.Connector.Auth;
using VerzuimBot.Connector.Client;
using VerzuimBot.Conversation;
using VerzuimBot.Messages;
using VerzuimBot.Absence;
using VerzuimBot.Connector.Dialogs;
using VerzuimBot.Dialogs;
using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Cli;
using VerzuimBot.Access.Identities;
using VerzuimBot.Access.Pseudonyms;
using VerzuimBot.Access.Retention;
using VerzuimBot.Access.Roles;
using VerzuimBot.Access.Roster;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Storage;
using VerzuimBot.Beheer;
using VerzuimBot.Demo;
using VerzuimBot.Digest;
using VerzuimBot.Staff;
using VerzuimBot.Tasks;
using VerzuimBot.OverlegRoute;
using VerzuimBot.ThuiszitterRoute;
using VerzuimBot.UnauthorisedRoute;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol;
using VerzuimBot.CardActions;
using VerzuimBot.SickRoute;
using VerzuimBot.SchoolLeave;
using VerzuimBot.FollowUp;
using VerzuimBot.AbsenceImport;
using VerzuimBot.RateLimiting;

namespace VerzuimBot.Hosting;

/// <summary>The composition root: the only place that reads configuration and registers services.</summary>
internal static class ServiceRegistration
{
    public static IServiceCollection AddVerzuimBot(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // In Development (no app id) the demo may move the clock; everywhere else it is the system clock.
        var developmentClock = environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration["Bot:MicrosoftAppId"]);
        var clock = new Development.DevelopmentClock(TimeProvider.System);
        if (developmentClock && DateTimeOffset.TryParse(configuration["Development:Now"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var start))
        {
            // Start the demo (or a fault run) at a chosen moment, so no sweep ever runs at the real date first.
            clock.SetNow(start);
        }

        services.AddSingleton<TimeProvider>(developmentClock ? clock : TimeProvider.System);
        services.AddOptions<BotAuthenticationOptions>().Bind(configuration.GetSection(BotAuthenticationOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value);

        services.AddVerzuimStorage(configuration.GetSection("TableStorage"));

        services.AddHttpClient("openid");
        services.AddSingleton(sp => InboundAuthenticator.MetadataFor(sp.GetRequiredService<BotAuthenticationOptions>(), sp.GetRequiredService<IHttpClientFactory>().CreateClient("openid")));
        services.AddSingleton<InboundAuthenticator>();

        var allowed = configuration.GetSection("Connector:AllowedServiceUrls").Get<string[]>() ?? [];
        services.AddSingleton(sp => new TrustedServiceUrls(allowed, sp.GetRequiredService<BotAuthenticationOptions>().IsDevelopmentMode));
        services.AddSingleton<IConnectorTokenProvider>(sp => new ConnectorTokenProvider(sp.GetRequiredService<BotAuthenticationOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient<ConnectorClient>();

        services.AddSingleton(_ => CardTemplateLibrary.FromAppDirectory());
        services.AddSingleton<BotReplies>();
        services.AddSingleton<ConversationCapture>();
        services.AddSingleton<IDialogStateStore, StoredDialogState>();
        services.AddSingleton<AbsenceCommands>();
        services.AddSingleton<AbsenceDialog>();
        services.AddSingleton<IDialog>(sp => sp.GetRequiredService<AbsenceDialog>());
        services.AddSingleton<DialogRunner>();

        services.AddOptions<SchoolsOptions>().Bind(configuration.GetSection(SchoolsOptions.SectionName));
        services.AddVerzuimProtocol();

        // Wie is wie (issue 7): tenants, identities, roles, audit, retention, and the beheer CLI.
        services.AddSingleton(_ => configuration.GetSection(TenantAllowListOptions.SectionName).Get<TenantAllowListOptions>() ?? new TenantAllowListOptions());
        services.AddSingleton(sp => new TenantPolicy(sp.GetRequiredService<TenantAllowListOptions>()));
        services.AddSingleton(_ => configuration.GetSection(RetentionOptions.SectionName).Get<RetentionOptions>() ?? new RetentionOptions());
        services.AddSingleton<TenantGate>();
        services.AddSingleton(_ => configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions());
        services.AddSingleton<TurnRateLimiter>();
        // Student pseudonyms (issue 19 item 5): keyed with Privacy:PseudonymKey; outside Development a missing key stops start-up.
        services.AddSingleton(sp => new StudentIds(PseudonymKey.Resolve(configuration[PseudonymKey.ConfigurationKey], environment.IsDevelopment(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("VerzuimBot.Startup"))));
        services.AddSingleton<VerzuimBot.Storage.Pseudonyms.StudentIdRewriter>();
        services.AddSingleton<PseudonymMigration>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<RosterImporter>();
        services.AddSingleton<RoleAssignmentService>();
        services.AddSingleton<InzageExporter>();
        services.AddSingleton<StudentDataEraser>();
        services.AddSingleton<RetentionJob>();
        services.AddSingleton<IdentityService>();
        services.AddSingleton<BeheerCli>();
        // The sick-absence route (issue 6): who acts, which student, the guard, the cards, the scheduler.
        var demo = configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new DemoOptions();
        demo.Enabled &= developmentClock;
        services.AddSingleton(demo);
        services.AddSingleton<DemoStage>();
        services.AddHostedService<DemoSeeder>();
        services.AddSingleton<IChatCommands, DemoCommands>();
        services.AddSingleton<ActingStaff>();
        services.AddSingleton<StaffMessenger>();
        services.AddSingleton<RouteCards>();
        services.AddSingleton<TaskCards>();
        services.AddSingleton(_ => configuration.GetSection(ReminderOptions.SectionName).Get<ReminderOptions>() ?? new ReminderOptions());
        services.AddSingleton<MorningOverview>();
        services.AddSingleton<MorningDelivery>();
        services.AddSingleton<ReminderSweeper>();
        services.AddHostedService<ReminderScheduler>();
        services.AddSingleton<OpenTasks>();
        services.AddSingleton<RouteActionSupport>();
        services.AddSingleton<CardPressOpener>();
        services.AddSingleton<CardRefusals>();
        services.AddSingleton<CardActionRouter>();
        services.AddSickRoute(configuration);
        services.AddBeheer(configuration);
        services.AddAbsenceImport(configuration);
        services.AddDigest(configuration);
        services.AddUnauthorisedRoute(configuration);
        services.AddThuiszitterRoute(configuration);
        services.AddOverleg(configuration);
        services.AddSchoolLeave();
        services.AddStap6FollowUp();
        services.AddScoped<TurnHandler>();
        return services;
    }

    /// <summary>Says plainly at start-up whether inbound activities are authenticated.</summary>
    public static void LogAuthenticationMode(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<BotAuthenticationOptions>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VerzuimBot.Startup");
        if (options.IsDevelopmentMode)
        {
            if (!app.Environment.IsDevelopment())
            {
                // ProductionConfiguration stops the host before this; a host built another way must not run open either.
                throw new InvalidOperationException("Bot:MicrosoftAppId is not configured. Unauthenticated mode is only allowed in the Development environment.");
            }

            if (options.AllowUnauthenticatedLoopback)
            {
                logger.LogWarning("DEVELOPMENT MODE: no Bot:MicrosoftAppId configured and Bot:AllowUnauthenticatedLoopback=true. Requests without a token are accepted ONLY from loopback, and outbound calls carry no token.");
            }
            else
            {
                logger.LogWarning("No Bot:MicrosoftAppId configured and Bot:AllowUnauthenticatedLoopback is not set: every activity is refused. Set Bot:AllowUnauthenticatedLoopback=true to try the bot locally in the Agents Playground.");
            }
        }
        else
        {
            logger.LogInformation("Inbound activities are authenticated as Bot Connector tokens for the configured app id ({TenantMode}).", options.TenantMode);
        }
    }
}
