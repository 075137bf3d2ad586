namespace DiagnosticTests.Api.OData;

public static class Preferences
{
    /// <summary>The request's preferences (RFC 7240), one entry each, from every Prefer header.</summary>
    public static IEnumerable<string> Of(HttpRequest request) =>
        request.Headers["Prefer"].SelectMany(header => (header ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
