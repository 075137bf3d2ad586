namespace DiagnosticTests.Api.Caching;

/// <summary>
/// Strong ETags on OData reads, and 304 Not Modified when the client already holds the same bytes
/// (If-None-Match). Pages are bounded, so buffering a response to hash it is affordable.
/// </summary>
public sealed class EntityTagMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ODataReads.IsODataGet(context.Request))
        {
            await next(context);
            return;
        }

        using var buffer = await ResponseBuffer.CaptureAsync(context, next);

        if (context.Response.StatusCode == StatusCodes.Status200OK)
        {
            var etag = context.Response.Headers.ETag.ToString() is { Length: > 0 } known ? known : EntityTags.For(buffer.Written.Span);
            context.Response.Headers.ETag = etag;
            if (EntityTags.Matches(context.Request, etag))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                context.Response.ContentLength = null;
                return;
            }
        }

        await ResponseBuffer.WriteAsync(context, buffer);
    }
}
