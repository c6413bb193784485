using Microsoft.AspNetCore.Diagnostics;

namespace VerzuimBot.Hosting.Errors;

/// <summary>
/// The last line of defence: an unexpected error is logged once (type only, no message text that
/// could hold personal data) and answered with a Dutch problem and a correlation id, never a stack trace.
/// </summary>
internal static class UnexpectedErrorResponse
{
    public static async Task WriteAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("VerzuimBot.Errors");
        logger.LogError("Unexpected {ErrorType} on {Path} (correlation {CorrelationId})", error?.GetType().Name, context.Request.Path.Value, context.TraceIdentifier);
        await Results.Problem(
            $"Er ging iets mis. Probeer het zo opnieuw. (kenmerk {context.TraceIdentifier})",
            statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context);
    }
}
