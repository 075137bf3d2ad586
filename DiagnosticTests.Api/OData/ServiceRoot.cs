using Microsoft.AspNetCore.OData.Extensions;

namespace DiagnosticTests.Api.OData;

/// <summary>
/// The service root OData links start with (<c>http://host/odata</c>), remembered for the scheme, host, path base
/// and route prefix it was built for. OData's link generator parses the route prefix as a route pattern on every
/// call: 1.5% of a repeated tag search's CPU. Nearly every request has the same root; another root is built anew.
/// </summary>
public static class ServiceRoot
{
    private static Remembered? s_last;

    public static string Of(HttpRequest request)
    {
        var prefix = request.ODataFeature().RoutePrefix;
        var last = s_last;
        if (last is not null
            && string.Equals(last.Scheme, request.Scheme, StringComparison.Ordinal)
            && string.Equals(last.Host, request.Host.Value, StringComparison.Ordinal)
            && string.Equals(last.PathBase, request.PathBase.Value, StringComparison.Ordinal)
            && string.Equals(last.Prefix, prefix, StringComparison.Ordinal))
        {
            return last.Root;
        }

        var root = request.CreateODataLink();
        // A prefix with route parameters is bound to each request's route values: not remembered.
        if (prefix is null || !prefix.Contains('{', StringComparison.Ordinal))
        {
            s_last = new Remembered(request.Scheme, request.Host.Value, request.PathBase.Value, prefix, root);
        }

        return root;
    }

    private sealed record Remembered(string Scheme, string? Host, string? PathBase, string? Prefix, string Root);
}
