using VerzuimBot.Development;
using VerzuimBot.Digest;
using VerzuimBot.Hosting;
using VerzuimBot.Messages;
using VerzuimBot.Hosting.Errors;

var builder = WebApplication.CreateBuilder(args);

// The Playground demo (src/run-demo.sh) adds its fictional school; only ever in Development.
if (builder.Environment.IsDevelopment() && builder.Configuration.GetValue<bool>("Demo:Enabled"))
{
    builder.Configuration.AddJsonFile("appsettings.Demo.json", optional: false);
}

builder.Services.AddVerzuimBot(builder.Configuration, builder.Environment);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MessagesEndpoint.MaxActivityBytes);

var app = builder.Build();

// Without Privacy:PseudonymKey student ids could be computed: outside Development that stops start-up here (and the CLI).
app.Services.GetRequiredService<VerzuimBot.Access.Roster.StudentIds>();

// "dotnet VerzuimBot.dll beheer ..." runs a beheerder command (roster import, roles, audit, inzage,
// delete, retention) against the configured store, then exits; see BeheerCli.Usage.
if (args.Length > 0 && args[0] == "beheer")
{
    var cli = app.Services.GetRequiredService<VerzuimBot.Access.Cli.BeheerCli>();
    return await cli.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

app.UseExceptionHandler(errors => errors.Run(UnexpectedErrorResponse.WriteAsync));
app.LogAuthenticationMode();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.MapPost("/api/messages", MessagesEndpoint.HandleAsync);
app.MapDigestExport();
app.MapDevelopmentRoutes();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so the tests can host it with WebApplicationFactory.</summary>
public partial class Program;
