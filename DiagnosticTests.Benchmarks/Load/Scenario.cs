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
    IReadOnlyList<string> ErrorSamples);
