using DiagnosticTests.Api.OData;

namespace DiagnosticTests.Api.Caching;

/// <summary>Which requests the conditional-GET and caching layers consider.</summary>
public static class ODataReads
{
    private static readonly string[] CatalogueSets = ["DiagnosticTests", "Tags", "DiagnosticTestTags"];

    /// <summary>A plain GET under /odata: not a $batch envelope, not a part of one (its response belongs to the batch).</summary>
    public static bool IsODataGet(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Path.StartsWithSegments("/odata", out var rest)
        && !rest.StartsWithSegments("/$batch")
        && !BatchPartScopeMiddleware.IsBatchPart(request.HttpContext);

    /// <summary>A read of the catalogue, whose answer is the same for every signed-in user.</summary>
    public static bool IsCatalogueRead(HttpRequest request) =>
        IsODataGet(request)
        && request.Path.StartsWithSegments("/odata", out var rest)
        && rest.Value is { Length: > 1 } path
        && CatalogueSets.Any(set => path.AsSpan(1).StartsWith(set, StringComparison.Ordinal)
            && (path.Length == set.Length + 1 || path[set.Length + 1] is '(' or '/' or '?'));
}
