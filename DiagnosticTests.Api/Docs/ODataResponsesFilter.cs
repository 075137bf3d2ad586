using System.Text.Json.Nodes;
using DiagnosticTests.Api.OData;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Replaces the responses Swashbuckle infers from CLR return types (IQueryable, SingleResult, IActionResult,
/// IEdmModel) with what OData writes: the collection envelope with paging links, single entities with their
/// context, 204s for updates, text/plain counts, CSDL, and errors in the OData error format.
/// </summary>
public sealed class ODataResponsesFilter(IOptions<QueryLimits> limits) : IOperationFilter
{
    private const string Minimal = "Prefer: return=minimal answers 204 No Content instead.";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var api = context.ApiDescription;
        if (ODataRoute.From(api) is not { } route)
        {
            return;
        }

        var document = context.Document;
        var repository = context.SchemaRepository;
        var type = route.TypeName ?? "";
        OpenApiResponse Error(string description, string code, string message, string? target = null) =>
            ODataPayloadSchemas.Error(description, code, message, repository, document, target);

        var responses = new OpenApiResponses();
        switch (route.Target, api.HttpMethod)
        {
            case (ODataTarget.ServiceDocument, _):
                responses["200"] = Json("The entity sets and singletons.", ODataPayloadSchemas.ServiceDocumentBody(repository, document));
                break;
            case (ODataTarget.Metadata, _):
                responses["200"] = new OpenApiResponse
                {
                    Description = "The data model: CSDL XML, or CSDL JSON with $format=json.",
                    Content = new Dictionary<string, IOpenApiMediaType>
                    {
                        ["application/xml"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                        [ODataPayloadSchemas.Json] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } },
                    },
                };
                break;
            case (ODataTarget.Collection or ODataTarget.Function, "GET"):
                responses["200"] = Json("One page of results.", ODataPayloadSchemas.Collection(type, limits.Value.PageSize, repository, document));
                responses["400"] = route.Target == ODataTarget.Function
                    ? Error("A parameter is not acceptable (unknown tag names are listed), or a query option is not valid.",
                        "BadRequest", "Unknown tags: feverr.", "tags")
                    : Error("The query is not valid or goes beyond a limit; the message says which.",
                        "BadRequest", "The query specified in the URI is not valid. Could not find a property named 'Nme' on type 'DiagnosticTests." + type + "'.");
                break;
            case (ODataTarget.Collection, "POST"):
                var created = Json($"The created {type}. {Minimal}", ODataPayloadSchemas.Entity(type, document));
                created.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Location"] = new OpenApiHeader
                    {
                        Description = "The new entity's URL.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
                    },
                };
                responses["201"] = created;
                AddWriteErrors(responses, Error);
                break;
            case (ODataTarget.Entity, "GET"):
                responses["200"] = Json($"The {type}.", ODataPayloadSchemas.Entity(type, document));
                AddNotFound(route, responses, Error);
                break;
            case (ODataTarget.Entity, "PATCH" or "PUT"):
                responses["204"] = new OpenApiResponse { Description = "Updated." };
                responses["200"] = Json("Updated; sent when the request carries Prefer: return=representation.", ODataPayloadSchemas.Entity(type, document));
                AddWriteErrors(responses, Error);
                AddNotFound(route, responses, Error);
                break;
            case (ODataTarget.Entity, "DELETE"):
                responses["204"] = new OpenApiResponse { Description = "Deleted." };
                AddNotFound(route, responses, Error);
                break;
            case (ODataTarget.Count, _):
                responses["200"] = new OpenApiResponse
                {
                    Description = "The number of matching items, as plain text.",
                    Content = new Dictionary<string, IOpenApiMediaType>
                    {
                        ["text/plain"] = new OpenApiMediaType
                        {
                            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
                            Example = JsonValue.Create(117),
                        },
                    },
                };
                responses["400"] = Error("The $filter or $search is not valid.", "BadRequest", "The query specified in the URI is not valid. Syntax error at position 4 in 'Name eq'.");
                break;
            case (ODataTarget.Reference, "DELETE"):
                responses["204"] = new OpenApiResponse { Description = "Unlinked." };
                responses["404"] = Error("No such entity, or the two are not linked.", "NotFound", "No entity in 'DiagnosticTests(1)/Tags' has the key 3.");
                break;
            case (ODataTarget.Reference, _):
                responses["204"] = new OpenApiResponse { Description = "Linked (linking twice is harmless)." };
                responses["400"] = Error("The body does not point at an entity of the right set.",
                    "BadRequest", "The body must be {\"@odata.id\": \".../Tags(<id>)\"}.", "@odata.id");
                responses["404"] = Error("Either entity does not exist.", "NotFound", "No entity in 'Tags' has the key 999.");
                break;
            default:
                return;
        }

        operation.Responses = responses;
    }

    private static void AddWriteErrors(OpenApiResponses responses, Func<string, string, string, string?, OpenApiResponse> error)
    {
        responses["400"] = error("The body is not valid: malformed, an unknown or ill-typed property, or a rule broken (message and target name the field).",
            "ValidationFailed", "The Name field is required.", "Name");
        responses["409"] = error("Another entity already has this name or email.", "Conflict", "A tag named 'fever' already exists.", "Name");
    }

    private static void AddNotFound(ODataRoute route, OpenApiResponses responses, Func<string, string, string, string?, OpenApiResponse> error)
    {
        // A singleton (Me) always exists for a signed-in caller.
        if (!route.IsSingleton)
        {
            responses["404"] = error("No entity has this key.", "NotFound", $"No entity in '{route.SourceName}' has the key 999.", null);
        }
    }

    private static OpenApiResponse Json(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType> { [ODataPayloadSchemas.Json] = ODataPayloadSchemas.JsonOf(schema) },
    };
}
