using Microsoft.OData.Edm;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Keeps one path per OData operation. OData's convention routing registers every key in two spellings
/// (<c>Tags({key})</c> and <c>Tags/{key}</c>, <c>Set(A={a},B={b})</c> and <c>Set/A={a},B={b}</c>, so a $ref
/// with two keys in four), every bound function with and without its namespace, and <c>CreateRefTo…</c> for
/// PUT as well as POST. All of them keep working; the document lists the canonical OData form only.
/// </summary>
public sealed class CanonicalODataPathsFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        foreach (var path in swaggerDoc.Paths.Keys.Where(IsAlternativeSpelling).ToList())
        {
            swaggerDoc.Paths.Remove(path);
        }

        // PUT …/Tags/$ref means "set the single related entity": only meaningful for single-valued navigation.
        foreach (var api in context.ApiDescriptions.Where(a => a.HttpMethod == "PUT"))
        {
            if (ODataRoute.From(api) is { Target: ODataTarget.Reference, Navigation: { } navigation } && navigation.Type.IsCollection()
                && swaggerDoc.Paths.TryGetValue("/" + api.RelativePath, out var item) && item is OpenApiPathItem pathItem)
            {
                pathItem.Operations?.Remove(HttpMethod.Put);
            }
        }
    }

    private static bool IsAlternativeSpelling(string path)
    {
        if (!path.StartsWith("/" + OData.ODataSetup.RoutePrefix + "/", StringComparison.Ordinal))
        {
            return false;
        }

        // A key template outside parentheses is the slash spelling of a key.
        var segments = path.Split('/');
        return segments.Any(s => s.Contains('{', StringComparison.Ordinal) && !s.Contains('(', StringComparison.Ordinal))
            || segments.Any(s => s.StartsWith(OData.EdmModelBuilder.Namespace + ".", StringComparison.Ordinal));
    }
}
