using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace DiagnosticTests.Api.Errors;

/// <summary>Writes an error in the format of the API the request addressed: OData errors under /odata, RFC 9457 elsewhere.</summary>
public static class ErrorResponses
{
    public static async Task WriteAsync(HttpContext context, int statusCode, string code, string message)
    {
        context.Response.StatusCode = statusCode;
        if (context.Request.Path.StartsWithSegments("/odata"))
        {
            context.Response.ContentType = "application/json; odata.metadata=minimal";
            var body = new { error = new { code, message } };
            await context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
            return;
        }

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = statusCode, Title = code, Detail = message },
        });
    }

    /// <summary>Gives empty 4xx/5xx responses (401, 403, 404, 405 …) a body that says what happened.</summary>
    public static Task WriteForStatusCodeAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var (code, message) = status switch
        {
            StatusCodes.Status401Unauthorized => ("Unauthorized", "Authentication is required: send 'Authorization: Bearer <token>' (POST /api/auth/token), or a personal access token as the Basic password or the api-key query parameter."),
            StatusCodes.Status403Forbidden => ("Forbidden", "Your role or credential does not allow this request."),
            StatusCodes.Status404NotFound => ("NotFound", $"No resource at '{context.Request.Path}'."),
            StatusCodes.Status405MethodNotAllowed => ("MethodNotAllowed", $"{context.Request.Method} is not allowed on '{context.Request.Path}'."),
            StatusCodes.Status415UnsupportedMediaType => ("UnsupportedMediaType", "Send the body as application/json."),
            _ => ("Error", $"The request failed with status {status}."),
        };
        return WriteAsync(context, status, code, message);
    }
}
