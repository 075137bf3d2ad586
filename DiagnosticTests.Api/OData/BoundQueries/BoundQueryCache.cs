using System.Collections.Concurrent;
using DiagnosticTests.Api.Catalogue;
using DiagnosticTests.Api.OData.DirectWriting;
using Microsoft.Extensions.Options;

namespace DiagnosticTests.Api.OData.BoundQueries;

/// <summary>
/// Catalogue reads by URL, so a repeated request (a dashboard's refresh, a program's polling, the same tag
/// search from many clients) skips OData's parse, validation and LINQ composition: about a third of the
/// service's CPU for a one-row tag search. What a URL binds to depends only on the URL, the page size, the model
/// and the tags the service knows (<see cref="TagSnapshotBinding"/>: a tag search or expanded tags bound with them are
/// bound again once a tag changes); the rows are read afresh every time (and <c>now()</c> binds to the clock, read per execution),
/// so other writes need no invalidation here. Only plain pages (the direct writer's) are kept, and only reused
/// for a request whose headers ask for that same plain answer.
/// </summary>
public sealed class BoundQueryCache(IOptions<DirectWritingOptions> options, IOptions<QueryLimits> limits, TagCache tagCache)
{
    // Enough for the request shapes of many dashboards; when full it starts over rather than tracking use.
    private const int Capacity = 1024;

    // Longer URLs are looked up by a string key, as they are stored.
    private const int StackKeyLength = 1024;

    private readonly ConcurrentDictionary<string, BoundRead> _reads = new(StringComparer.Ordinal);

    /// <summary>What was bound for this request's URL and page size, or null.</summary>
    public BoundRead? Find(HttpRequest request)
    {
        if (!options.Value.ReuseBoundQueries || !HttpMethods.IsGet(request.Method) || !DirectRequests.HeadersArePlain(request))
        {
            return null;
        }

        var pageSize = ServerPaging.EffectivePageSize(request, limits.Value.PageSize);
        // Looked up by a key written on the stack: the URL is long, and a repeat should allocate nothing to find it.
        Span<char> key = stackalloc char[StackKeyLength];
        // A tag search or expanded tags bound with tags that changed since are bound again (and replaced).
        return (TryWriteKey(key, request, pageSize, out var length)
                ? _reads.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key[..length], out var read)
                : _reads.TryGetValue(Key(request, pageSize), out read))
            && read.Tags?.IsCurrent(tagCache) != false
            ? read
            : null;
    }

    /// <summary>
    /// Keeps the page query composed for this request (paged by <see cref="ServerPaging"/>), written by <paramref name="direct"/>,
    /// and the statement its joined expansion was read with, if any.
    /// </summary>
    public void Remember(HttpRequest request, IQueryable page, DirectPage direct, JoinedStatement? statement)
    {
        if (!options.Value.ReuseBoundQueries || !HttpMethods.IsGet(request.Method) || ServerPaging.Reading(request) is not { } reading)
        {
            return;
        }

        if (_reads.Count >= Capacity)
        {
            _reads.Clear();
        }

        _reads[Key(request, reading.PageSize)] = new BoundRead(page.Expression, reading, direct, statement, TagSnapshotBinding.Of(request.HttpContext));
    }

    // The one spelling of a key: written on the stack to look one up, and as a string to store one.
    private static bool TryWriteKey(Span<char> destination, HttpRequest request, int pageSize, out int length) =>
        destination.TryWrite($"{request.Path.Value}{request.QueryString.Value}#{pageSize}", out length);

    private static string Key(HttpRequest request, int pageSize)
    {
        // Room for the URL, '#' and the longest int.
        var buffer = new char[(request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0) + 12];
        TryWriteKey(buffer, request, pageSize, out var length);
        return new string(buffer, 0, length);
    }
}
