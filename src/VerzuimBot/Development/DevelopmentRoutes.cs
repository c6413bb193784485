using System.Net;
using VerzuimBot.Connector.Auth;
using VerzuimBot.Connector.Client;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Storage;

namespace VerzuimBot.Development;

/// <summary>
/// Routes for trying the bot locally in the Agents Playground. They exist only in the Development
/// environment with no app id configured, and only answer loopback callers; anywhere else they are 404.
/// </summary>
internal static class DevelopmentRoutes
{
    public sealed record ProactiveRequest(string? TenantId, string? UserAadObjectId, string? ChannelId, string? Text);

    /// <summary>Either an exact moment or a number of school days (of the school's calendar) to move forward.</summary>
    public sealed record ClockRequest(DateTimeOffset? Now, int? AdvanceSchoolDays, string? SchoolId);

    public static void MapDevelopmentRoutes(this WebApplication app)
    {
        var enabled = app.Environment.IsDevelopment() && app.Services.GetRequiredService<BotAuthenticationOptions>().IsDevelopmentMode;
        if (!enabled)
        {
            return;
        }

        app.MapPost("/api/dev/proactive", SendProactiveAsync);
        app.MapGet("/api/dev/clock", (HttpContext http, TimeProvider time) => IsLoopback(http) ? Results.Ok(new { now = Local(time.GetUtcNow()) }) : Results.NotFound());
        app.MapPost("/api/dev/clock", SetClockAsync);
    }

    private static async Task<IResult> SetClockAsync(HttpContext http, ClockRequest request, TimeProvider time, Protocol.Schools.SchoolProtocols protocols, Tasks.ReminderSweeper sweeper, CancellationToken cancellationToken)
    {
        if (!IsLoopback(http) || time is not DevelopmentClock clock)
        {
            return Results.NotFound();
        }

        if ((request.Now is null) == (request.AdvanceSchoolDays is null) || request.AdvanceSchoolDays is < 0 or > 200)
        {
            return Results.Problem("Geef precies één van now (een tijdstip) of advanceSchoolDays (0 t/m 200).", statusCode: StatusCodes.Status400BadRequest);
        }

        if (request.Now is { } now)
        {
            clock.SetNow(now);
        }
        else
        {
            // Same time of day, N school days later in the school's calendar (holidays skipped).
            var calendar = protocols.For(request.SchoolId ?? "demo").Calendar;
            var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Domain.Calendar.SchoolClock.Zone);
            var day = calendar.AddSchoolDays(DateOnly.FromDateTime(local.DateTime), request.AdvanceSchoolDays!.Value);
            clock.SetNow(Domain.Calendar.SchoolClock.At(day, TimeOnly.FromDateTime(local.DateTime)));
        }

        // Reminders that are due at the new moment go out now, so the demo (and its tests) see them at once.
        var delivered = await sweeper.SweepAsync(cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { now = Local(clock.GetUtcNow()), delivered });
    }

    private static bool IsLoopback(HttpContext http) => http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);

    private static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Domain.Calendar.SchoolClock.Zone);

    private static async Task<IResult> SendProactiveAsync(HttpContext http, ProactiveRequest request, ConversationReferenceStore references, ConnectorClient connector, CancellationToken cancellationToken)
    {
        if (!IsLoopback(http))
        {
            return Results.NotFound();
        }

        if (string.IsNullOrWhiteSpace(request.Text) || string.IsNullOrWhiteSpace(request.TenantId) || (request.UserAadObjectId is null) == (request.ChannelId is null))
        {
            return Results.Problem("Geef tenantId, text en precies één van userAadObjectId of channelId.", statusCode: StatusCodes.Status400BadRequest);
        }

        var owner = request.UserAadObjectId ?? request.ChannelId!;
        var reference = await references.FindAsync(request.TenantId, owner, cancellationToken).ConfigureAwait(false);
        if (reference is null)
        {
            return Results.Problem("Dit gesprek ken ik niet: de gebruiker of het kanaal heeft de bot nog niet gebruikt.", statusCode: StatusCodes.Status404NotFound);
        }

        var message = Activity.Message(request.Text);
        if (request.ChannelId is not null)
        {
            var (threadId, activityId) = await connector.PostToChannelAsync(reference.ServiceUrl, reference.BotId, request.ChannelId, request.TenantId, message, cancellationToken).ConfigureAwait(false);
            return Results.Ok(new { conversationId = threadId, activityId });
        }

        // Proactive 1:1 as Teams wants it: create (or find) the personal conversation, then send.
        var conversationId = reference.UserId is { Length: > 0 } userId
            ? await connector.CreatePersonalConversationAsync(reference.ServiceUrl, reference.BotId, userId, request.TenantId, cancellationToken).ConfigureAwait(false)
            : reference.ConversationId;
        var id = await connector.SendAsync(reference.ServiceUrl, conversationId, message with { From = new ChannelAccount(reference.BotId) }, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { conversationId, activityId = id });
    }
}
