using Microsoft.OData.Edm;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Leaves out the writes the model's capabilities annotations declare unsupported. DiagnosticTestTags is
/// read-only, yet its controller has write actions so that they answer 405 with a message (OData routing
/// would answer 404 on a composite key); listed, they would look like a way to create and delete links.
/// </summary>
public sealed class WriteRestrictionsFilter(IEdmModel model) : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        foreach (var api in context.ApiDescriptions)
        {
            if (api.HttpMethod is not { } method || ODataRoute.From(api) is not { Source: IEdmEntitySet set, Navigation: null } route
                || Restriction(route.Target, method) is not var (term, property)
                || EdmCapabilities.Get(model, set, term, property) != false)
            {
                continue;
            }

            if (swaggerDoc.Paths.TryGetValue("/" + api.RelativePath, out var item) && item is OpenApiPathItem pathItem)
            {
                pathItem.Operations?.Remove(new HttpMethod(method));
            }
        }
    }

    private static (string Term, string Property)? Restriction(ODataTarget target, string method) => (target, method) switch
    {
        (ODataTarget.Collection, "POST") => ("InsertRestrictions", "Insertable"),
        (ODataTarget.Entity, "PUT" or "PATCH") => ("UpdateRestrictions", "Updatable"),
        (ODataTarget.Entity, "DELETE") => ("DeleteRestrictions", "Deletable"),
        _ => null,
    };
}
