using System.Collections.Concurrent;

namespace DiagnosticTests.Api.OData.BoundQueries;

/// <summary>
/// Catalogue reads by URL, so a repeated request (a dashboard's refresh, a program's polling, the same tag
/// search from many clients) skips OData's parse, validation and LINQ composition: about a third of the
/// service's CPU for a one-row tag search. What a URL binds to depends only on the URL, the page size and
/// the model; the rows are read afresh every time (and <c>now()</c> binds to the clock, read per execution),
/// so writes need no invalidation here.
/// </summary>
public sealed class BoundQueryCache
{
    // Enough for the request shapes of many dashboards; when full it starts over rather than tracking use.
    private const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, BoundRead> _reads = new(StringComparer.Ordinal);

    public static string Key(HttpRequest request, int pageSize) => $"{request.Path.Value}{request.QueryString.Value}#{pageSize}";

    public BoundRead? Find(string key) => _reads.TryGetValue(key, out var read) ? read : null;

    public void Remember(string key, BoundRead read)
    {
        if (_reads.Count >= Capacity)
        {
            _reads.Clear();
        }

        _reads[key] = read;
    }
}
