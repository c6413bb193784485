using VerzuimBot.Absence;
using VerzuimBot.Connector.Auth;
using VerzuimBot.Connector.Client;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Storage;
using VerzuimBot.CardActions;
using VerzuimBot.RateLimiting;
using VerzuimBot.Telemetry;

namespace VerzuimBot.Messages;

/// <summary>
/// POST /api/messages: parse, authenticate, de-duplicate, hand to the turn handler. Malformed input
/// gets a clean 4xx; nothing of an unauthenticated activity is processed; an invoke gets its answer
/// in the HTTP body.
/// </summary>
internal static class MessagesEndpoint
{
    public const long MaxActivityBytes = 256 * 1024;

    /// <summary>What one POST brings: the request and the services that handle it (bound by <c>[AsParameters]</c>).</summary>
    internal readonly record struct Turn(
        HttpContext Http,
        InboundAuthenticator Authenticator,
        TrustedServiceUrls TrustedServiceUrls,
        ProcessedActivityStore Processed,
        TurnHandler Turns,
        TenantGate Tenants,
        CardActionRouter CardActions,
        TurnRateLimiter RateLimits,
        TimeProvider Time,
        ILogger<TurnHandler> Logger,
        CancellationToken CancellationToken);

    public static async Task<IResult> HandleAsync([AsParameters] Turn turn)
    {
        using var telemetry = new TurnTelemetry();
        return telemetry.Complete(await HandleTurnAsync(turn, telemetry).ConfigureAwait(false));
    }

    private static async Task<IResult> HandleTurnAsync(Turn turn, TurnTelemetry telemetry)
    {
        var (http, authenticator, trustedServiceUrls, processed, turns, tenants, cardActions, rateLimits, time, logger, cancellationToken) = turn;
        var body = await ReadLimitedAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            logger.LogWarning("Refused an activity over {Limit} bytes", MaxActivityBytes);
            telemetry.Refused("too-large");
            return Results.Problem("De activiteit is te groot.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var activity = ConnectorJson.TryParse(body);
        if (activity is null || !HasUsableIds(activity))
        {
            logger.LogWarning("Refused a malformed activity ({Bytes} bytes)", body.Length);
            telemetry.Refused("malformed");
            return Results.Problem("Ongeldige activiteit: verwacht een Bot Framework-activiteit met type, serviceUrl en conversation.", statusCode: StatusCodes.Status400BadRequest);
        }

        telemetry.Describe(activity, verb => cardActions.Handles(verb) || verb is AbsenceCommands.SaveVerb or AbsenceCommands.ClearVerb);
        var outcome = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization.FirstOrDefault(), activity, http.Connection.RemoteIpAddress, cancellationToken).ConfigureAwait(false);
        if (outcome == InboundAuthOutcome.Rejected)
        {
            telemetry.Refused("unauthenticated");
            return Results.Unauthorized();
        }

        // Teams only (issue 18): another channel, or a key not endorsed for this one, is refused before anything is read or stored.
        if (outcome == InboundAuthOutcome.ChannelNotEndorsed || activity.ChannelId != BotAuthenticationOptions.TeamsChannelId)
        {
            logger.LogWarning("Refused a {Type} activity: VerzuimBot serves Microsoft Teams only (channel {Channel}, key endorsed: {Endorsed})",
                activity.Type, activity.ChannelId ?? "(none)", outcome != InboundAuthOutcome.ChannelNotEndorsed);
            telemetry.Refused("channel");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (outcome == InboundAuthOutcome.Authenticated)
        {
            trustedServiceUrls.Trust(activity.ServiceUrl!);
        }

        if (!trustedServiceUrls.IsTrusted(activity.ServiceUrl!))
        {
            // We could never answer it (e.g. not a URL, or not loopback in Development): refuse before doing anything.
            logger.LogWarning("Refused a {Type} activity with a serviceUrl the bot may not call", activity.Type);
            telemetry.Refused("service-url");
            return Results.Problem("Ongeldige activiteit: de serviceUrl is geen adres waar de bot op mag antwoorden.", statusCode: StatusCodes.Status400BadRequest);
        }

        var tenant = tenants.Check(activity.TenantId);
        if (!tenant.IsAllowed)
        {
            // Refused politely: one Dutch sentence for a person who typed something, nothing stored or processed.
            logger.LogWarning("Refused a {Type} activity from tenant {TenantId}: {Reason}", activity.Type, activity.TenantId ?? "(none)", tenant.LogReason);
            telemetry.Refused("tenant");
            if (activity.Type == Connector.Schema.ActivityTypes.Message && tenant.RefusalMessage is { } refusal)
            {
                await turns.TellAsync(activity, refusal, cancellationToken).ConfigureAwait(false);
            }

            // A card press gets the same sentence as its invoke response: Teams shows a 200 "message" response to the presser,
            // where a 403 would show only "something went wrong" (bot-connector-protocol §7.3).
            return activity.Type == Connector.Schema.ActivityTypes.Invoke ? InvokeMessage(tenant.RefusalMessage!) : Results.Ok();
        }

        if (!rateLimits.TryAcquireTurn(activity, out var cost))
        {
            // Over the person's limit (issue 19 item 12): nothing is read, stored or processed, and nothing of the text is logged.
            logger.LogWarning("Rate limited a {Type} activity ({Cost} tokens) from tenant {TenantId}", activity.Type, cost, activity.TenantId);
            telemetry.Refused("rate-limited");
            if (activity.Type == Connector.Schema.ActivityTypes.Invoke)
            {
                return InvokeMessage(TurnRateLimiter.SlowDown);
            }

            if (rateLimits.ShouldTell(activity))
            {
                await turns.TellAsync(activity, TurnRateLimiter.SlowDown, cancellationToken).ConfigureAwait(false);
            }

            return Results.Ok();
        }

        // One unit of work per activity: what the turn reads is read once, and its audit lines go with its writes.
        using var session = StoreSession.Begin();
        try
        {
            if (activity.Id is { Length: > 0 } id
                && !await processed.TryMarkProcessedAsync(activity.ChannelId ?? "unknown", id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                logger.LogInformation("Ignored a redelivered {Type} activity", activity.Type);
                telemetry.Outcome("duplicate");
                return Results.Ok();
            }

            var invokeResponse = await turns.HandleAsync(activity, cancellationToken).ConfigureAwait(false);
            await session.FlushAsync(cancellationToken).ConfigureAwait(false);
            return invokeResponse is null ? Results.Ok() : Results.Json(invokeResponse.Body, ConnectorJson.Options, statusCode: invokeResponse.Status);
        }
        catch (Exception ex) when (StoreErrors.IsStoreFailure(ex, out var errorCode))
        {
            // The store is down or refused: tell the user in Dutch, never claim anything was saved.
            logger.LogError("Store failure while handling a {Type} activity: {ErrorCode}", activity.Type, errorCode);
            telemetry.Outcome("store-unavailable");
            if (activity.Type == Connector.Schema.ActivityTypes.Invoke)
            {
                // A card press: Teams shows this sentence and keeps the card, so it can be pressed again.
                return InvokeMessage(BotReplies.StoreUnavailable);
            }

            return await turns.TellStoreUnavailableAsync(activity, cancellationToken).ConfigureAwait(false)
                ? Results.Ok()
                : Results.Problem("De opslag is tijdelijk niet bereikbaar. Probeer het zo opnieuw.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Protocol.Dossiers.StudentLeftRosterException)
        {
            // Taken off the roster between this turn's read and its write (a roster import at that moment): nothing was stored.
            // Said to the person, not a 500 (the connector would resend the activity, and it would fail the same way).
            logger.LogWarning("A {Type} activity found its student taken off the roster before the write; nothing stored", activity.Type);
            telemetry.Outcome("student-left-roster");
            if (activity.Type == Connector.Schema.ActivityTypes.Invoke)
            {
                return InvokeMessage(Protocol.SickAbsence.SickAbsenceService.StudentLeftRoster);
            }

            await turns.TellAsync(activity, Protocol.SickAbsence.SickAbsenceService.StudentLeftRoster, cancellationToken).ConfigureAwait(false);
            return Results.Ok();
        }
        catch (ConnectorException ex)
        {
            logger.LogWarning("Could not answer a {Type} activity through the connector (status {Status})", activity.Type, ex.Status);
            telemetry.Outcome("connector-failed");
            return Results.Problem("Het antwoord kon niet naar Teams worden verstuurd.", statusCode: StatusCodes.Status502BadGateway);
        }
    }

    /// <summary>An invoke answered with a sentence Teams shows the presser while the card stays (Universal Actions, status 200).</summary>
    private static IResult InvokeMessage(string text) =>
        Results.Json(new { statusCode = 200, type = "application/vnd.microsoft.activity.message", value = text }, ConnectorJson.Options);

    /// <summary>
    /// Ids end up in storage keys and URLs: they must be there and be of a sane size. Teams' own ids are
    /// far below these limits.
    /// </summary>
    private static bool HasUsableIds(Activity activity) =>
        activity.ServiceUrl is { Length: > 0 and <= 512 }
        && activity.Conversation?.Id is { Length: > 0 and <= 512 } conversationId && !string.IsNullOrWhiteSpace(conversationId)
        && activity.ChannelId is null or { Length: > 0 and <= 64 }
        && (activity.ChannelId is null || !string.IsNullOrWhiteSpace(activity.ChannelId))
        && activity.Id is null or { Length: <= 256 }
        && activity.From?.Id is null or { Length: <= 256 }
        && activity.From?.AadObjectId is null or { Length: <= 128 }
        && activity.Conversation?.TenantId is null or { Length: <= 128 };

    /// <summary>The body, or null when it is larger than <see cref="MaxActivityBytes"/> (whatever the server's own limit).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxActivityBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxActivityBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }
}
