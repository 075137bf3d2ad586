using Microsoft.AspNetCore.OData.Query;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>
/// Which requests ask for exactly what the direct writer produces: JSON with minimal metadata in OData 4.0,
/// no $apply, $compute, $format or $skiptoken (a $select is the page's to judge), and no preference other than a page size.
/// </summary>
public static class DirectRequests
{
    private static readonly string[] JsonMediaTypes = ["*/*", "application/*", "application/json"];

    /// <param name="request">The request, whose headers say what the client accepts.</param>
    /// <param name="raw">The query options OData parsed; null where none were (a function), and then no $format either.</param>
    public static bool ArePlain(HttpRequest request, ODataRawQueryOptions? raw) =>
        request.HttpContext.RequestServices.GetRequiredService<IOptions<DirectWritingOptions>>().Value.DirectJson
        && (raw is { Apply: null, Compute: null, Format: null, SkipToken: null, DeltaToken: null }
            || (raw is null && !request.Query.ContainsKey("$format") && !request.Query.ContainsKey("format")))
        && HeadersArePlain(request);

    /// <summary>The headers' part of <see cref="ArePlain"/>: what the client accepts and prefers.</summary>
    public static bool HeadersArePlain(HttpRequest request) =>
        IsVersion4(request.Headers["OData-MaxVersion"]) && IsVersion4(request.Headers["OData-Version"])
        && request.Headers.AcceptCharset.Count == 0
        && AcceptsPlainJson(request.Headers.Accept)
        && Preferences.Of(request).All(preference => preference.StartsWith("odata.maxpagesize=", StringComparison.OrdinalIgnoreCase));

    private static bool IsVersion4(string? version) => string.IsNullOrEmpty(version) || version.Trim() == "4.0";

    private static bool AcceptsPlainJson(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0)
        {
            return true;
        }

        return MediaTypeHeaderValue.TryParseList(accept, out var ranges)
            && ranges.All(range => JsonMediaTypes.Contains(range.MediaType.Value, StringComparer.OrdinalIgnoreCase)
                && range.Parameters.All(IsPlainParameter));
    }

    private static bool IsPlainParameter(NameValueHeaderValue parameter) =>
        parameter.Name.Value?.ToLowerInvariant() switch
        {
            "q" => true,
            "charset" => string.Equals(parameter.Value.Value, "utf-8", StringComparison.OrdinalIgnoreCase),
            "odata.metadata" => string.Equals(parameter.Value.Value, "minimal", StringComparison.OrdinalIgnoreCase),
            "odata.streaming" => string.Equals(parameter.Value.Value, "true", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
}
