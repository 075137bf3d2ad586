using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Documents OData request bodies as what clients send: the EDM entity (not <c>Delta&lt;T&gt;</c>, whose CLR
/// shape is the change tracker), an entity reference for $ref, with examples, as plain application/json
/// rather than the two dozen OData media-type variants the input formatter lists.
/// </summary>
public sealed class ODataRequestBodiesFilter(IEdmModel model) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var api = context.ApiDescription;
        if (operation.RequestBody is null || ODataRoute.From(api) is not { } route)
        {
            return;
        }

        IOpenApiSchema schema;
        if (route.Target == ODataTarget.Reference)
        {
            schema = ODataPayloadSchemas.EntityReferenceBody(context.SchemaRepository, context.Document);
        }
        else
        {
            var body = api.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type ?? typeof(object);
            if (body.IsGenericType && body.GetGenericTypeDefinition() == typeof(Delta<>))
            {
                body = body.GetGenericArguments()[0];
            }

            // An EDM entity is referenced by its EDM schema; anything else (UserChanges) is a plain CLR body.
            schema = route.Type is IEdmSchemaType type && model.GetAnnotationValue<ClrTypeAnnotation>(type)?.ClrType == body
                ? ODataPayloadSchemas.Ref(type.Name, context.Document)
                : context.SchemaGenerator.GenerateSchema(body, context.SchemaRepository);
        }

        var docs = ODataExamples.Bodies.GetValueOrDefault((route.SourceName, api.HttpMethod ?? ""));
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = docs?.Description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                [ODataPayloadSchemas.Json] = new OpenApiMediaType { Schema = schema, Examples = docs?.ToOpenApi() },
            },
        };
    }
}
