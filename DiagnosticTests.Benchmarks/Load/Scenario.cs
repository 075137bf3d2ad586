namespace DiagnosticTests.Benchmarks.Load;

/// <summary>What makes a response count as a success; anything else is an error.</summary>
public enum ResponseCheck
{
    /// <summary>200 and a non-empty <c>value</c> array.</summary>
    Collection,

    /// <summary>200 and an entity (an <c>"Id":</c> property).</summary>
    Entity,

    /// <summary>201 with a Location header.</summary>
    Created,

    /// <summary>304, or 200 with a non-empty <c>value</c> (a conditional GET the service did not short-cut).</summary>
    NotModifiedOrCollection,
}

/// <summary>
/// One request shape under load. Requests cycle through <see cref="Paths"/> (relative, already URL-encoded);
/// a body's <see cref="NamePlaceholder"/> is replaced by a name unique to the request. A baseline names the
/// service scenario it answers (<see cref="BaselineFor"/>) and whether it checks the bearer token first (<see cref="SignedIn"/>).
/// </summary>
public sealed record Scenario(
    string Id,
    string Title,
    Uri BaseAddress,
    IReadOnlyList<string> Paths,
    ResponseCheck Check,
    IReadOnlyDictionary<string, string> Headers,
    string Method = "GET",
    string? BodyTemplate = null,
    string? BaselineFor = null,
    bool SignedIn = false)
{
    public const string NamePlaceholder = "__NAME__";
}

/// <summary>What one scenario measured. Latencies in milliseconds; bytes are response bodies.</summary>
public sealed record LoadResult(
    string Generator,
    long Requests,
    long Errors,
    double Seconds,
    double RequestsPerSecond,
    double P50Ms,
    double P99Ms,
    double MeanBytes,
    IReadOnlyList<string> ErrorSamples)
{
    /// <summary>
    /// Several rounds of one scenario as one result: requests, errors and seconds added up, bytes averaged over the
    /// requests, the median round's p50 and the worst round's p99 (the rounds' latencies are not kept to merge exactly).
    /// </summary>
    public static LoadResult Combine(IReadOnlyList<LoadResult> rounds)
    {
        if (rounds is [var only])
        {
            return only;
        }

        var requests = rounds.Sum(r => r.Requests);
        var seconds = rounds.Sum(r => r.Seconds);
        var p50s = rounds.Select(r => r.P50Ms).Order().ToList();
        return new LoadResult(
            rounds[0].Generator,
            requests,
            rounds.Sum(r => r.Errors),
            seconds,
            seconds > 0 ? requests / seconds : 0,
            p50s[p50s.Count / 2],
            rounds.Max(r => r.P99Ms),
            requests > 0 ? rounds.Sum(r => r.MeanBytes * r.Requests) / requests : 0,
            [.. rounds.SelectMany(r => r.ErrorSamples).Take(3)]);
    }
}
