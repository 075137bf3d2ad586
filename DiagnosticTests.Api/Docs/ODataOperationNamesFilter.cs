using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Gives every OData operation a summary, a tag and a unique operationId. OData names its endpoints after the
/// route template, so GET and POST on one path share an id, which OpenAPI forbids and client generators reject.
/// </summary>
public sealed class ODataOperationNamesFilter : IOperationFilter
{
    public const string ServiceTag = "Service";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (ODataRoute.From(context.ApiDescription) is not { } route)
        {
            return;
        }

        var method = context.ApiDescription.HttpMethod ?? "GET";
        var (verb, summary) = Describe(route, method);
        // An action's own XML summary (Recommend's, Tags' Delete) says more than the generic one: keep it as the description.
        if (!string.IsNullOrEmpty(operation.Summary))
        {
            operation.Description = string.IsNullOrEmpty(operation.Description) ? operation.Summary : operation.Summary + "\n\n" + operation.Description;
        }

        operation.Summary = summary;
        operation.OperationId = $"{route.SourceName}.{verb}";
        operation.Tags = new HashSet<OpenApiTagReference> { new(route.SourceName, context.Document) };
    }

    private static (string Verb, string Summary) Describe(ODataRoute route, string method)
    {
        var type = route.TypeName;
        var nav = route.Navigation?.Name;
        return (route.Target, method) switch
        {
            (ODataTarget.ServiceDocument, _) => ("GetServiceDocument", "The service document: entity sets and singletons"),
            (ODataTarget.Metadata, _) => ("GetMetadata", "The metadata document (CSDL XML, or JSON with $format=json)"),
            (ODataTarget.Collection, "GET") when nav is not null => ($"List{nav}", $"Query the {nav} of one {route.Source?.EntityType.Name}"),
            (ODataTarget.Collection, "GET") => ("List", $"Query {route.SourceName}"),
            (ODataTarget.Collection, "POST") => ("Create", $"Create a {type}"),
            (ODataTarget.Entity, "GET") when route.IsSingleton => ("Get", $"Get {route.SourceName}"),
            (ODataTarget.Entity, "GET") => ("Get", $"Get one {type} by key"),
            (ODataTarget.Entity, "PATCH") when route.IsSingleton => ("Update", $"Update some properties of {route.SourceName}"),
            (ODataTarget.Entity, "PATCH") => ("Update", $"Update some properties of a {type}"),
            (ODataTarget.Entity, "PUT") => ("Replace", $"Replace a {type}"),
            (ODataTarget.Entity, "DELETE") => ("Delete", $"Delete a {type}"),
            (ODataTarget.Count, _) when nav is not null => ($"Count{nav}", $"Count the {nav} of one {route.Source?.EntityType.Name} (text/plain)"),
            (ODataTarget.Count, _) => ("Count", $"Count {route.SourceName} (text/plain)"),
            (ODataTarget.Reference, "DELETE") => ($"Remove{nav}Ref", $"Unlink a {type} from a {route.Source?.EntityType.Name}"),
            (ODataTarget.Reference, _) => ($"Add{nav}Ref", $"Link an existing {type} to a {route.Source?.EntityType.Name}"),
            (ODataTarget.Function, _) => (route.Function!.Name,
                ODataExamples.FunctionSummaries.GetValueOrDefault(route.Function.Name, $"Call the {route.Function.Name} function")),
            _ => (method.ToLowerInvariant(), $"{method} {route.SourceName}"),
        };
    }
}
