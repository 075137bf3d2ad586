using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Documents conditional reads on OData GETs: EntityTagMiddleware tags every 200 with a strong ETag and
/// answers If-None-Match with a bodiless 304. It is middleware, so nothing in the action says so.
/// </summary>
public sealed class ConditionalGetFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.HttpMethod != "GET" || ODataRoute.From(context.ApiDescription) is null)
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-None-Match",
            In = ParameterLocation.Header,
            Description = "The ETag of a response you already hold: when the answer is unchanged the service replies 304 without a body.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });

        operation.Responses ??= [];
        if (operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["ETag"] = new OpenApiHeader
            {
                Description = "A strong entity tag of this exact response; send it back in If-None-Match.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }

        operation.Responses.TryAdd("304", new OpenApiResponse { Description = "Not modified: the ETag in If-None-Match still matches." });
    }
}
