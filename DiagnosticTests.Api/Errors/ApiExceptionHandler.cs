using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData;

namespace DiagnosticTests.Api.Errors;

/// <summary>The last line of defence: known failures become clear 4xx answers; anything else a 500 without details.</summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, message) = exception switch
        {
            DbUpdateException db when UniqueViolation.Matches(db) =>
                (StatusCodes.Status409Conflict, "Conflict", "Another record already has this unique value (a name or an email)."),
            BadHttpRequestException bad => (bad.StatusCode, "BadRequest", bad.Message),
            ODataException odata => (StatusCodes.Status400BadRequest, "BadRequest", odata.Message),
            _ when ExhaustedPool.Matches(exception) =>
                (StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", ExhaustedPool.ClientMessage),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                (499, "ClientClosedRequest", "The client closed the request."),
            _ => (StatusCodes.Status500InternalServerError, "InternalServerError", "An unexpected error occurred; it has been logged."),
        };

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            LogPoolExhausted(logger, httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (status >= StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = $"{ExhaustedPool.RetryAfterSeconds}";
        }

        await ErrorResponses.WriteAsync(httpContext, status, code, message);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 to {Method} {Path}: every pooled database connection stayed busy for the connection string's Timeout. If the database has idle cores, raise Maximum Pool Size.")]
    private static partial void LogPoolExhausted(ILogger logger, string method, string path);
}
