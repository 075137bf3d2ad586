using DiagnosticTests.Api.Data.Changes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace DiagnosticTests.Api.Caching;

/// <summary>
/// Serves repeated catalogue reads from memory. Entries are keyed by the catalogue's version, so any
/// committed write (here, or in another replica through PostgreSQL notifications) makes them unreachable.
/// Runs after authorization: a cached answer is only given to a caller allowed to ask.
/// </summary>
public sealed class CatalogueResponseCache(RequestDelegate next, DataVersions versions, IOptions<CachingOptions> options) : IDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimitMegabytes * 1024L * 1024L });
    private readonly int _maxEntryBytes = options.Value.MaxEntryKilobytes * 1024;

    // Not async on the way through, so a request the cache does not serve pays no state machine for passing by.
    public Task InvokeAsync(HttpContext context) =>
        options.Value is { Enabled: true, Responses: true } && versions.IsTracking && ODataReads.IsCatalogueRead(context.Request)
            ? ServeAsync(context)
            : next(context);

    private async Task ServeAsync(HttpContext context)
    {
        // Read the version before the query runs: if a write lands meanwhile, this answer is filed under the old version.
        var key = KeyFor(context.Request, versions.Current(DataArea.Catalogue));
        if (_entries.TryGetValue(key, out CachedResponse? hit) && hit is not null)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = hit.ContentType;
            context.Response.Headers.ETag = hit.ETag;
            context.Response.Headers["OData-Version"] = hit.ODataVersion;
            await ResponseBuffer.WriteWholeAsync(context, hit.Body);
            return;
        }

        using var buffer = await ResponseBuffer.CaptureAsync(context, next);

        if (context.Response.StatusCode == StatusCodes.Status200OK && buffer.Length <= _maxEntryBytes)
        {
            var bytes = buffer.Written.ToArray();
            var entry = new CachedResponse(context.Response.ContentType ?? "application/json", EntityTags.For(bytes), context.Response.Headers["OData-Version"].ToString(), bytes);
            context.Response.Headers.ETag = entry.ETag;
            _entries.Set(key, entry, new MemoryCacheEntryOptions { Size = bytes.Length, SlidingExpiration = Idle });
        }

        await ResponseBuffer.WriteAsync(context, buffer);
    }

    public void Dispose() => _entries.Dispose();

    // The answer depends on the URL (links are absolute, so scheme and host too) and on how the client asked.
    private static string KeyFor(HttpRequest request, long version) =>
        string.Join('\n', version, request.Scheme, request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value,
            request.Headers.Accept.ToString(), request.Headers["Prefer"].ToString(), request.Headers["OData-MaxVersion"].ToString());

    private sealed record CachedResponse(string ContentType, string ETag, string ODataVersion, byte[] Body);
}
