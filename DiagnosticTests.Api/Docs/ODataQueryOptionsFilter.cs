using System.Text.Json.Nodes;
using DiagnosticTests.Api.OData;
using Microsoft.Extensions.Options;
using Microsoft.OData.Edm;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Lists the OData system query options each GET accepts. [EnableQuery] reads them from the query string itself,
/// so the ApiExplorer never sees them and Swagger UI would otherwise offer no way to filter, select or page.
/// </summary>
/// <remarks>
/// Options are offered per EDM type: $expand only where there is a navigation property to expand, $search only
/// where there is text to search (or as the set's SearchRestrictions annotation says). The limits quoted come
/// from the same configuration the service enforces.
/// </remarks>
public sealed class ODataQueryOptionsFilter(IOptions<QueryLimits> limits, IEdmModel model) : IOperationFilter
{
    private readonly QueryLimits _limits = limits.Value;

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.HttpMethod != "GET" || ODataRoute.From(context.ApiDescription) is not { Type: { } type } route)
        {
            return;
        }

        var examples = route.TypeName is { } name ? ODataExamples.Queries.GetValueOrDefault(name) : null;
        IEnumerable<OpenApiParameter?> options = route.Target switch
        {
            ODataTarget.Collection =>
                [Filter(type, examples), Select(type, examples), Expand(type, examples), OrderBy(type, examples), Top(), Skip(), Count(), Search(route, type, examples)],
            ODataTarget.Entity => [Select(type, examples), Expand(type, examples)],
            ODataTarget.Count => [Filter(type, examples), Search(route, type, examples)],
            // Functions return their own ranking: paging and counting apply, re-filtering and re-sorting are not offered.
            ODataTarget.Function => [Top(), Skip(), Count()],
            _ => [],
        };

        operation.Parameters ??= [];
        foreach (var option in options.OfType<OpenApiParameter>())
        {
            operation.Parameters.Add(option);
        }
    }

    private OpenApiParameter Filter(IEdmStructuredType type, ODataExamples.QueryExamples? examples)
    {
        var parameter = Option("$filter", JsonSchemaType.String,
            "Keeps the items for which this boolean expression is true (see the examples). "
            + (examples?.FilterHint is { } hint ? hint + " " : "")
            + $"At most {_limits.MaxNodeCount} nodes, any/all nested at most {_limits.MaxAnyAllExpressionDepth} deep.");
        var filters = examples?.Filters ?? [new("key", "By key", $"{KeyName(type)} eq 1")];
        parameter.Examples = filters.ToDictionary(
            f => f.Name,
            f => (IOpenApiExample)new OpenApiExample { Summary = f.Summary, Value = JsonValue.Create(f.Value) });
        return parameter;
    }

    private static OpenApiParameter Select(IEdmStructuredType type, ODataExamples.QueryExamples? examples) =>
        Option("$select", JsonSchemaType.String,
            "Comma-separated properties to return; all by default.",
            examples?.Select ?? string.Join(",", type.StructuralProperties().Take(3).Select(p => p.Name)));

    private OpenApiParameter? Expand(IEdmStructuredType type, ODataExamples.QueryExamples? examples) =>
        !type.NavigationProperties().Any() ? null : Option("$expand", JsonSchemaType.String,
            $"Related entities to include inline ({string.Join(", ", type.NavigationProperties().Select(n => n.Name))}), "
            + $"optionally with their own options in parentheses. Nested at most {_limits.MaxExpansionDepth} deep.",
            examples?.Expand ?? type.NavigationProperties().First().Name);

    private static OpenApiParameter OrderBy(IEdmStructuredType type, ODataExamples.QueryExamples? examples) =>
        Option("$orderby", JsonSchemaType.String,
            "Comma-separated sort keys, each optionally followed by asc or desc. Without it items come by key, so pages are stable.",
            examples?.OrderBy ?? KeyName(type));

    private OpenApiParameter Top()
    {
        var parameter = Option("$top", JsonSchemaType.Integer,
            $"Returns at most this many items (up to {_limits.MaxTop}). A page holds at most {_limits.PageSize}: "
            + "follow @odata.nextLink for the rest.", 10);
        ((OpenApiSchema)parameter.Schema!).Minimum = "0";
        ((OpenApiSchema)parameter.Schema!).Maximum = _limits.MaxTop.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return parameter;
    }

    private static OpenApiParameter Skip()
    {
        var parameter = Option("$skip", JsonSchemaType.Integer, "Skips this many items first.", 0);
        ((OpenApiSchema)parameter.Schema!).Minimum = "0";
        return parameter;
    }

    private static OpenApiParameter Count() =>
        Option("$count", JsonSchemaType.Boolean, "true adds @odata.count: the number of matching items across all pages.", true);

    private OpenApiParameter? Search(ODataRoute route, IEdmStructuredType type, ODataExamples.QueryExamples? examples) =>
        !IsSearchable(route, type) ? null : Option("$search", JsonSchemaType.String,
            "Free text: every term must occur, ignoring case, in the item's Name, Code, Description or Email. "
            + "Terms combine with AND, OR and NOT; quote a phrase or a term with punctuation: \"chest pain\".",
            examples?.Search ?? "text");

    private bool IsSearchable(ODataRoute route, IEdmStructuredType type) =>
        (route is { Source: IEdmEntitySet set, Navigation: null } ? EdmCapabilities.Get(model, set, "SearchRestrictions", "Searchable") : null)
            ?? type.StructuralProperties().Any(p => p.Type.IsString());

    private static OpenApiParameter Option(string name, JsonSchemaType type, string description, JsonNode? example = null) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = new OpenApiSchema { Type = type, Format = type == JsonSchemaType.Integer ? "int32" : null },
        Example = example,
    };

    private static string KeyName(IEdmStructuredType type) =>
        type is IEdmEntityType entity ? string.Join(",", entity.Key().Select(k => k.Name)) : type.StructuralProperties().First().Name;
}
