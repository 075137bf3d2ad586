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
    /// Writes what was captured, with its Content-Length: the whole body is known, so it goes out in one piece
    /// rather than chunked. Nothing for an empty body: even a write of no bytes starts the response, and the
    /// status-code pages could then no longer give a bodiless 401, 403 or 404 its error body.
    /// </summary>
    public static Task WriteAsync(HttpContext context, PooledBuffer buffer) =>
        buffer.Length == 0 ? Task.CompletedTask : WriteWholeAsync(context, buffer.Written);

    /// <summary>Writes a body known in full, with its Content-Length.</summary>
    public static Task WriteWholeAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
