namespace DiagnosticTests.Api.Caching;

public static class ResponseBuffer
{
    /// <summary>Runs the rest of the pipeline with the response body captured in memory, so it can be hashed or kept.</summary>
    public static async Task<MemoryStream> CaptureAsync(HttpContext context, RequestDelegate next)
    {
        var body = context.Response.Body;
        var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }

        return buffer;
    }

    public static Task WriteAsync(HttpContext context, MemoryStream buffer)
    {
        buffer.Position = 0;
        return buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
