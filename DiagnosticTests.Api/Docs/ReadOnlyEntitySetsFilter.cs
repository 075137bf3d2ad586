using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Leaves the writes of read-only entity sets out of the document. DiagnosticTestTagsController has write
/// actions only to answer 405 with a message (OData routing would answer 404 on a composite key); listed, they
/// would look like operations that create, change and delete links.
/// </summary>
public sealed class ReadOnlyEntitySetsFilter : IDocumentFilter
{
    /// <summary>The entity sets whose controllers refuse every write (API contract: "writes → 405").</summary>
    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string>(StringComparer.Ordinal) { "DiagnosticTestTags" };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        foreach (var api in context.ApiDescriptions)
        {
            if (api.HttpMethod is { } method && method != "GET"
                && ODataRoute.From(api) is { Source: { } source } && ReadOnly.Contains(source.Name)
                && swaggerDoc.Paths.TryGetValue("/" + api.RelativePath, out var item) && item is OpenApiPathItem pathItem)
            {
                pathItem.Operations?.Remove(new HttpMethod(method));
            }
        }
    }
}
