using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Removes component schemas that no operation reaches. Swashbuckle generates a schema for every CLR type it
/// meets before the other filters replace them (IEdmModel and the reflection types behind it, Delta&lt;T&gt;,
/// SingleResult&lt;T&gt;, ODataServiceDocument …); left in, they bury the real payloads. Registered last.
/// </summary>
public sealed class UnreferencedSchemasFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = context.SchemaRepository.Schemas;
        var reachable = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>(Roots(swaggerDoc));
        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference { Reference.Id: { } id })
            {
                if (reachable.Add(id) && schemas.TryGetValue(id, out var target))
                {
                    pending.Push(target);
                }

                continue;
            }

            foreach (var child in Children(schema))
            {
                pending.Push(child);
            }
        }

        foreach (var id in schemas.Keys.Where(id => !reachable.Contains(id)).ToList())
        {
            schemas.Remove(id);
        }
    }

    private static IEnumerable<IOpenApiSchema> Roots(OpenApiDocument document)
    {
        foreach (var operation in document.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []))
        {
            foreach (var parameter in operation.Parameters ?? [])
            {
                if (parameter.Schema is { } schema)
                {
                    yield return schema;
                }

                foreach (var media in parameter.Content?.Values ?? [])
                {
                    if (media.Schema is { } contentSchema)
                    {
                        yield return contentSchema;
                    }
                }
            }

            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                if (media.Schema is { } schema)
                {
                    yield return schema;
                }
            }

            foreach (var response in (IEnumerable<IOpenApiResponse>?)operation.Responses?.Values ?? [])
            {
                foreach (var media in response.Content?.Values ?? [])
                {
                    if (media.Schema is { } schema)
                    {
                        yield return schema;
                    }
                }

                foreach (var header in response.Headers?.Values ?? [])
                {
                    if (header.Schema is { } schema)
                    {
                        yield return schema;
                    }
                }
            }
        }
    }

    private static IEnumerable<IOpenApiSchema> Children(IOpenApiSchema schema) =>
        (schema.Properties?.Values ?? [])
            .Concat(schema.AllOf ?? [])
            .Concat(schema.OneOf ?? [])
            .Concat(schema.AnyOf ?? [])
            .Concat(new[] { schema.Items, schema.AdditionalProperties, schema.Not }.OfType<IOpenApiSchema>());
}
