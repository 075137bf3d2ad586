using System.Text.Json.Nodes;
using DiagnosticTests.Api.OData;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Lists POST /odata/$batch. Batching is middleware (UseODataBatching), not an endpoint, so the ApiExplorer
/// cannot see it; without this Swagger UI users would not know the service batches at all.
/// </summary>
public sealed class BatchEndpointFilter(IOptions<QueryLimits> limits, IOptions<AuthorizationOptions> authorization) : IDocumentFilter
{
    public const string Path = "/" + ODataSetup.RoutePrefix + "/$batch";

    private const string JsonExample = """
        {"requests":[
          {"id":"1","method":"GET","url":"/odata/DiagnosticTests?$filter=Tags/any(t: t/Name in ('fever','cough'))&$select=Name&$top=5"},
          {"id":"2","method":"GET","url":"/odata/Tags?$filter=Category eq 'Symptom'&$top=5"},
          {"id":"3","method":"POST","url":"/odata/Tags","headers":{"content-type":"application/json"},
           "body":{"Name":"loss of appetite","Category":"Symptom"}}
        ]}
        """;

    private const string MultipartExample = """
        --batch_1
        Content-Type: application/http
        Content-Transfer-Encoding: binary

        GET /odata/Tags?$top=5 HTTP/1.1
        Accept: application/json

        --batch_1--
        """;

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var repository = context.SchemaRepository;
        var operation = new OpenApiOperation
        {
            OperationId = "Service.Batch",
            Summary = "Send several requests in one round trip",
            Description =
                $"JSON batches (`{{\"requests\":[…]}}`) and multipart/mixed batches, at most {limits.Value.MaxBatchParts} parts. "
                + "Each part is authenticated and authorised like a single request, with the batch's Authorization header: "
                + "a part without valid credentials answers 401 and one the caller may not perform 403, inside a batch that itself answers 200.",
            Tags = new HashSet<OpenApiTagReference> { new(ODataOperationNamesFilter.ServiceTag, swaggerDoc) },
            // The envelope passes even a read-only credential (WriteAccessRequirement): each part is authorised on its own.
            Security = SecuritySchemes.For(authorization.Value.FallbackPolicy?.AuthenticationSchemes ?? [], isRead: true, swaggerDoc),
            RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [ODataPayloadSchemas.Json] = new OpenApiMediaType { Schema = Define("BatchRequest", BatchRequest(), repository, swaggerDoc), Example = JsonNode.Parse(JsonExample) },
                    ["multipart/mixed; boundary=batch_1"] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                        Example = JsonValue.Create(MultipartExample.ReplaceLineEndings("\r\n")),
                    },
                },
            },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "One response per part, in the format of the request.",
                    Content = new Dictionary<string, IOpenApiMediaType>
                    {
                        [ODataPayloadSchemas.Json] = new OpenApiMediaType { Schema = Define("BatchResponse", BatchResponse(), repository, swaggerDoc) },
                        ["multipart/mixed"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    },
                },
                ["400"] = ODataPayloadSchemas.Error(
                    $"The batch is malformed or has more than {limits.Value.MaxBatchParts} parts.",
                    "BadRequest", $"A batch may contain at most {limits.Value.MaxBatchParts} requests; this one has 22.", repository, swaggerDoc),
            },
        };

        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Post, operation);
        swaggerDoc.Paths[Path] = item;
    }

    private static OpenApiSchema BatchRequest()
    {
        var part = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "id", "method", "url" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Echoed in the matching response." },
                ["method"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "GET, POST, PATCH, PUT or DELETE." },
                ["url"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Absolute, or relative to the host or to the service root." },
                ["headers"] = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String } },
                ["body"] = new OpenApiSchema { Description = "The part's JSON body, for writes." },
                ["dependsOn"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                ["atomicityGroup"] = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An OData JSON batch request.",
            Required = new HashSet<string> { "requests" },
            Properties = new Dictionary<string, IOpenApiSchema> { ["requests"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = part } },
        };
    }

    private static OpenApiSchema BatchResponse() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An OData JSON batch response.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["responses"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["id"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                        ["headers"] = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String } },
                        ["body"] = new OpenApiSchema { Description = "The part's response body, if any." },
                    },
                },
            },
        },
    };

    private static IOpenApiSchema Define(string id, OpenApiSchema schema, SchemaRepository repository, OpenApiDocument document)
    {
        repository.Schemas.TryAdd(id, schema);
        return ODataPayloadSchemas.Ref(id, document);
    }
}
