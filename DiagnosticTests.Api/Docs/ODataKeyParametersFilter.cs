using Microsoft.OData.Edm;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Says what the <c>{key}</c> and <c>{relatedKey}</c> path parameters are: their names come from OData's
/// routing conventions and mean nothing to someone reading <c>/odata/DiagnosticTests({key})/Tags({relatedKey})/$ref</c>.
/// </summary>
public sealed class ODataKeyParametersFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (ODataRoute.From(context.ApiDescription) is not { Source: { } source } route)
        {
            return;
        }

        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path))
        {
            parameter.Description ??= parameter.Name switch
            {
                "key" => $"The {KeyOf(source.EntityType)} of the {source.EntityType.Name}, e.g. 1.",
                "relatedKey" when route.Type is IEdmEntityType related => $"The {KeyOf(related)} of the {related.Name}, e.g. 3.",
                // A composite key part: OData names the template "key" + the key property (keyTagId).
                { } name when name.StartsWith("key", StringComparison.Ordinal) && source.EntityType.Key().Any(k => k.Name == name[3..])
                    => $"The {name[3..]} part of the {source.EntityType.Name} key.",
                _ => null,
            };
        }
    }

    private static string KeyOf(IEdmEntityType type) => string.Join(", ", type.Key().Select(k => k.Name));
}
