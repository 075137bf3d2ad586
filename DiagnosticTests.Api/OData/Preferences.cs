namespace DiagnosticTests.Api.OData;

public static class Preferences
{
    /// <summary>The request's preferences (RFC 7240), one entry each, from every Prefer header.</summary>
    /// <remarks>Most requests send none; they get an empty list without an iterator (read twice on every catalogue read).</remarks>
    public static IEnumerable<string> Of(HttpRequest request) =>
        request.Headers["Prefer"] is { Count: > 0 } headers
            ? headers.SelectMany(header => (header ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : [];
}
