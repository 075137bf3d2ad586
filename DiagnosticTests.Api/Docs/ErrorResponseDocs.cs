using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>An error response in the format of the API the operation belongs to, as ErrorResponses writes it.</summary>
public static class ErrorResponseDocs
{
    public static OpenApiResponse For(ApiDescription api, OperationFilterContext context, string description, string code, string message) =>
        api.RelativePath?.StartsWith("odata", StringComparison.Ordinal) == true
            ? ODataPayloadSchemas.Error(description, code, message, context.SchemaRepository, context.Document)
            : new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType
                    {
                        Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository),
                    },
                },
            };
}
