using VerzuimBot.Development;
using VerzuimBot.Hosting;
using VerzuimBot.Messages;
using VerzuimBot.Hosting.Errors;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddVerzuimBot(builder.Configuration, builder.Environment);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MessagesEndpoint.MaxActivityBytes);

var app = builder.Build();
app.UseExceptionHandler(errors => errors.Run(UnexpectedErrorResponse.WriteAsync));
app.LogAuthenticationMode();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.MapPost("/api/messages", MessagesEndpoint.HandleAsync);
app.MapDevelopmentRoutes();
app.Run();

/// <summary>Entry point; public so the tests can host it with WebApplicationFactory.</summary>
public partial class Program;
