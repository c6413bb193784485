using VerzuimBot.Development;
using VerzuimBot.Digest;
using VerzuimBot.Hosting;
using VerzuimBot.Hosting.Errors;
using VerzuimBot.Hosting.Health;
using VerzuimBot.Hosting.Startup;
using VerzuimBot.Messages;
using VerzuimBot.Telemetry;

var builder = WebApplication.CreateBuilder(args);

// The Playground demo (src/run-demo.sh) adds its fictional school; only ever in Development.
if (builder.Environment.IsDevelopment() && builder.Configuration.GetValue<bool>("Demo:Enabled"))
{
    builder.Configuration.AddJsonFile("appsettings.Demo.json", optional: false);
}

// "dotnet VerzuimBot.dll beheer ..." runs a beheerder command (roster import, roles, audit, inzage,
// delete, retention) against the configured store, then exits; see BeheerCli.Usage. It needs the store, the
// pseudonym key, the organisations and schools, not the bot's own keys.
var beheer = args.Length > 0 && args[0] == "beheer";
if (ProductionConfiguration.Problems(builder.Configuration, builder.Environment, forBeheer: beheer) is { Count: > 0 } problems)
{
    // One message naming every key to fix, and no stack trace: this is the operator's first contact with the host.
    await Console.Error.WriteLineAsync(ProductionConfiguration.Describe(problems, builder.Environment));
    return ProductionConfiguration.ExitCode;
}

builder.Services.AddVerzuimBot(builder.Configuration, builder.Environment);
builder.Services.AddReadinessChecks();
builder.Services.AddVerzuimBotTelemetry(builder.Configuration);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MessagesEndpoint.MaxActivityBytes);

var app = builder.Build();

// A host built another way (tests) never derives student ids without Privacy:PseudonymKey either: this throws before any data is touched.
app.Services.GetRequiredService<VerzuimBot.Access.Roster.StudentIds>();

if (beheer && args is [_, "absences", ..])
{
    // Absence registrations go through the application layer's write path (issue 22), so this command lives in the host.
    var absences = app.Services.GetRequiredService<VerzuimBot.AbsenceImport.AbsenceImportCli>();
    return await absences.RunAsync(args[2..], Console.Out, Console.Error, interactive: !Console.IsOutputRedirected, CancellationToken.None);
}

if (beheer)
{
    var cli = app.Services.GetRequiredService<VerzuimBot.Access.Cli.BeheerCli>();
    return await cli.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

app.UseExceptionHandler(errors => errors.Run(UnexpectedErrorResponse.WriteAsync));
app.LogAuthenticationMode();
app.MapHealth();
app.MapPost("/api/messages", MessagesEndpoint.HandleAsync);
app.MapDigestExport();
app.MapDevelopmentRoutes();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so the tests can host it with WebApplicationFactory.</summary>
public partial class Program;
