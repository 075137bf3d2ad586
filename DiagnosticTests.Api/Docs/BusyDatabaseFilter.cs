using DiagnosticTests.Api.Errors;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Documents the 503 any operation that reads or writes the database can answer when every pooled connection
/// stays busy (ApiExceptionHandler, <see cref="ExhaustedPool"/>). The service document and $metadata need none.
/// Synchronous and registered last, so that <see cref="ODataResponsesFilter"/> has already replaced the list.
/// </summary>
public sealed class BusyDatabaseFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var api = context.ApiDescription;
        if (ODataRoute.From(api) is { Target: ODataTarget.ServiceDocument or ODataTarget.Metadata })
        {
            return;
        }

        var busy = ErrorResponseDocs.For(api, context,
            "Every database connection stayed busy for too long; nothing was changed. Retry after Retry-After seconds.",
            "ServiceUnavailable", ExhaustedPool.ClientMessage);
        busy.Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before retrying.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
            },
        };
        operation.Responses ??= [];
        operation.Responses.TryAdd("503", busy);
    }
}
