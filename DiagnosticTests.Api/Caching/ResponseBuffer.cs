using Microsoft.AspNetCore.Http.Features;

namespace DiagnosticTests.Api.Caching;

public static class ResponseBuffer
{
    /// <summary>Runs the rest of the pipeline with the response body captured in memory, so it can be hashed or kept.</summary>
    public static async Task<PooledBuffer> CaptureAsync(HttpContext context, RequestDelegate next)
    {
        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var buffer = new PooledBuffer();
        context.Features.Set<IHttpResponseBodyFeature>(new CapturedResponseBody(buffer));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(body);
        }

        return buffer;
    }

    /// <summary>
    /// Writes what was captured. Nothing for an empty body: even a write of no bytes starts the response, and
    /// the status-code pages could then no longer give a bodiless 401, 403 or 404 its error body.
    /// </summary>
    public static Task WriteAsync(HttpContext context, PooledBuffer buffer) =>
        buffer.Length == 0 ? Task.CompletedTask : context.Response.Body.WriteAsync(buffer.Written, context.RequestAborted).AsTask();
}
