using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// The OData JSON payload shapes clients actually receive: the collection envelope, the error object, entity
/// references and the service document. Swashbuckle only sees the CLR return types (IQueryable, SingleResult,
/// ODataError), which are not what goes over the wire. Each shape becomes a component on first use.
/// </summary>
public static class ODataPayloadSchemas
{
    public const string Json = "application/json";
    public const string ErrorSchemaId = "ErrorResponse";
    public const string EntityReference = "EntityReference";
    public const string ServiceDocument = "ServiceDocument";

    public static string CollectionOf(string typeName) => typeName + "CollectionResponse";

    public static IOpenApiSchema Ref(string id, OpenApiDocument? document) => new OpenApiSchemaReference(id, document);

    /// <summary><c>{"@odata.context", "@odata.count", "value": [...], "@odata.nextLink"}</c> for <paramref name="typeName"/>.</summary>
    public static IOpenApiSchema Collection(string typeName, int pageSize, SchemaRepository repository, OpenApiDocument? document) =>
        Define(CollectionOf(typeName), repository, document, () => new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = $"A page of {typeName} in the OData JSON format.",
            Required = new HashSet<string> { "value" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["@odata.context"] = Uri("The metadata URL describing the payload."),
                ["@odata.count"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int64",
                    Description = "The number of matching items across all pages; only with $count=true.",
                },
                ["value"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Ref(typeName, document) },
                ["@odata.nextLink"] = Uri(
                    $"Absolute URL of the next page; present only when more items follow. Pages hold at most {pageSize} items "
                    + "(Prefer: odata.maxpagesize=N asks for fewer)."),
            },
        });

    /// <summary>A single entity: the entity's properties plus its <c>@odata.context</c>.</summary>
    public static IOpenApiSchema Entity(string typeName, OpenApiDocument? document) => new OpenApiSchema
    {
        AllOf =
        [
            Ref(typeName, document),
            new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema> { ["@odata.context"] = Uri("The metadata URL describing the payload.") },
            },
        ],
    };

    /// <summary><c>{"error":{"code","message","target","details"}}</c>: the OData error format, never with a stack trace.</summary>
    public static IOpenApiSchema ErrorResponse(SchemaRepository repository, OpenApiDocument? document) =>
        Define(ErrorSchemaId, repository, document, () =>
        {
            var detail = new Dictionary<string, IOpenApiSchema>
            {
                ["code"] = Text("A machine-readable code: BadRequest, ValidationFailed, NotFound, Conflict, Unauthorized, Forbidden …"),
                ["message"] = Text("What went wrong, for people."),
                ["target"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String | JsonSchemaType.Null,
                    Description = "The property or parameter at fault, when there is one.",
                },
            };
            return new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "An error under /odata, in the OData JSON error format.",
                Required = new HashSet<string> { "error" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["error"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "code", "message" },
                        Properties = new Dictionary<string, IOpenApiSchema>(detail)
                        {
                            ["details"] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Array,
                                Description = "One entry per failed rule, for validation failures.",
                                Items = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = detail },
                            },
                        },
                    },
                },
            };
        });

    /// <summary><c>{"@odata.id": "Tags(3)"}</c>: the body of POST …/$ref.</summary>
    public static IOpenApiSchema EntityReferenceBody(SchemaRepository repository, OpenApiDocument? document) =>
        Define(EntityReference, repository, document, () => new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Points at an existing entity by its URL.",
            Required = new HashSet<string> { "@odata.id" },
            Properties = new Dictionary<string, IOpenApiSchema> { ["@odata.id"] = Uri("The entity's absolute URL, as in its @odata.id.") },
            Examples = [EntityReferenceExample(ExampleServiceRoot)],
        });

    /// <summary>The service document: every entity set and singleton with its URL.</summary>
    public static IOpenApiSchema ServiceDocumentBody(SchemaRepository repository, OpenApiDocument? document) =>
        Define(ServiceDocument, repository, document, () => new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The OData service document: the entity sets and singletons at the service root.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["@odata.context"] = Uri("The metadata URL."),
                ["value"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["name"] = Text("The entity set or singleton name."),
                            ["kind"] = Text("EntitySet or Singleton."),
                            ["url"] = Text("Its URL, relative to the service root."),
                        },
                    },
                },
            },
            Examples = [ServiceDocumentExample(ExampleServiceRoot)],
        });

    /// <summary>
    /// Puts the service root the caller used (after forwarded headers) into the examples that contain URLs, so
    /// what Swagger UI pre-fills works against this server and not only against a developer's localhost.
    /// </summary>
    public static void UseRequestServiceRoot(OpenApiDocument document, HttpRequest request)
    {
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}/{OData.ODataSetup.RoutePrefix}";
        if (document.Components?.Schemas is not { } schemas)
        {
            return;
        }

        if (schemas.TryGetValue(EntityReference, out var found) && found is OpenApiSchema reference)
        {
            reference.Examples = [EntityReferenceExample(root)];
        }

        if (schemas.TryGetValue(ServiceDocument, out found) && found is OpenApiSchema serviceDocument)
        {
            serviceDocument.Examples = [ServiceDocumentExample(root)];
        }
    }

    private const string ExampleServiceRoot = "http://localhost:5000/odata";

    private static JsonNode EntityReferenceExample(string root) => new JsonObject { ["@odata.id"] = root + "/Tags(3)" };

    private static JsonNode ServiceDocumentExample(string root) => new JsonObject
    {
        ["@odata.context"] = root + "/$metadata",
        ["value"] = new JsonArray(
            new JsonObject { ["name"] = "DiagnosticTests", ["kind"] = "EntitySet", ["url"] = "DiagnosticTests" },
            new JsonObject { ["name"] = "Tags", ["kind"] = "EntitySet", ["url"] = "Tags" },
            new JsonObject { ["name"] = "Me", ["kind"] = "Singleton", ["url"] = "Me" }),
    };

    public static OpenApiMediaType JsonOf(IOpenApiSchema schema) => new() { Schema = schema };

    /// <summary>An error response with an example of what this status really says (one schema example cannot fit them all).</summary>
    public static OpenApiResponse Error(
        string description, string code, string message, SchemaRepository repository, OpenApiDocument? document, string? target = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (target is not null)
        {
            error["target"] = target;
        }

        return new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                [Json] = new OpenApiMediaType { Schema = ErrorResponse(repository, document), Example = new JsonObject { ["error"] = error } },
            },
        };
    }

    private static IOpenApiSchema Define(string id, SchemaRepository repository, OpenApiDocument? document, Func<OpenApiSchema> create)
    {
        if (!repository.Schemas.ContainsKey(id))
        {
            repository.AddDefinition(id, create());
        }

        return Ref(id, document);
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema Uri(string description) =>
        new() { Type = JsonSchemaType.String, Format = "uri", Description = description };
}
