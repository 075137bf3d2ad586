using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Lists the health endpoints. Health checks map as plain endpoints that the ApiExplorer skips; they are found
/// here among the routed endpoints, so the document lists exactly the ones that exist.
/// </summary>
public sealed class HealthEndpointsFilter(EndpointDataSource endpoints) : IDocumentFilter
{
    public const string Tag = "Health";

    private static readonly Dictionary<string, (string Description, bool CanFail)> Known = new(StringComparer.Ordinal)
    {
        ["/health/live"] = ("The process answers. Checks no dependency, so an orchestrator never restarts the service for a database outage.", false),
        ["/health/ready"] = ("The database is reachable and the migrations are applied; 503 otherwise.", true),
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var report = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Overall status and, for readiness, each check's status. Exception details stay in the logs.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("Healthy"), JsonValue.Create("Degraded"), JsonValue.Create("Unhealthy")] },
                ["checks"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    AdditionalProperties = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["status"] = new OpenApiSchema { Type = JsonSchemaType.String },
                            ["description"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                        },
                    },
                },
            },
            Examples = [JsonNode.Parse("""{"status":"Healthy","checks":{"database":{"status":"Healthy","description":null}}}""")!],
        };
        context.SchemaRepository.Schemas.TryAdd("HealthReport", report);

        var paths = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .Where(p => p.StartsWith("/health/", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var body = new Dictionary<string, IOpenApiMediaType>
            {
                [ODataPayloadSchemas.Json] = new OpenApiMediaType { Schema = ODataPayloadSchemas.Ref("HealthReport", swaggerDoc) },
            };
            var (description, canFail) = Known.GetValueOrDefault(path, ("A health check.", true));
            var responses = new OpenApiResponses { ["200"] = new OpenApiResponse { Description = "Healthy (or degraded).", Content = body } };
            if (canFail)
            {
                responses["503"] = new OpenApiResponse { Description = "Unhealthy.", Content = body };
            }

            var item = new OpenApiPathItem();
            // Anonymous, so no security requirement: load balancers and orchestrators probe without credentials.
            item.AddOperation(HttpMethod.Get, new OpenApiOperation
            {
                OperationId = "Health." + path.Split('/').Last(),
                Summary = "Health: " + path.Split('/').Last(),
                Description = description,
                Tags = new HashSet<OpenApiTagReference> { new(Tag, swaggerDoc) },
                Responses = responses,
            });
            swaggerDoc.Paths[path] = item;
        }
    }
}
