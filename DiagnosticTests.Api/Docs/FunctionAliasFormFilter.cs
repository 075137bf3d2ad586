using System.Text.Json.Nodes;
using Microsoft.OData.Edm;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Documents bound functions in the parameter-alias form, <c>Recommend(tags=@t,sex=@s,age=@a)?@t=[…]&amp;@s=…</c>.
/// </summary>
/// <remarks>
/// The route template <c>Recommend(tags={tags},…)</c> puts collection and string literals inside the path,
/// where Swagger UI would percent-encode the brackets and quotes and cannot leave a parameter out. With aliases
/// the path is fixed text and every value travels as an ordinary query parameter with its own example.
/// </remarks>
public sealed class FunctionAliasFormFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        foreach (var api in context.ApiDescriptions)
        {
            var path = "/" + api.RelativePath;
            if (ODataRoute.From(api) is not { Target: ODataTarget.Function, Function: { } function }
                || !swaggerDoc.Paths.TryGetValue(path, out var item) || item is not OpenApiPathItem pathItem)
            {
                continue;
            }

            var aliases = Aliases(function);
            var open = path.LastIndexOf('(');
            var aliasPath = path[..open] + "(" + string.Join(",", aliases.Select(a => $"{a.Parameter}={a.Alias}")) + ")";
            foreach (var operation in (IEnumerable<OpenApiOperation>?)pathItem.Operations?.Values ?? [])
            {
                Rewrite(operation, function, aliases, aliasPath);
            }

            swaggerDoc.Paths.Remove(path);
            swaggerDoc.Paths[aliasPath] = pathItem;
        }
    }

    private static void Rewrite(OpenApiOperation operation, IEdmFunction function, IReadOnlyList<ODataExamples.AliasExample> aliases, string aliasPath)
    {
        var parameters = function.Parameters.Skip(1).ToDictionary(p => p.Name);
        var options = (operation.Parameters ?? []).Where(p => p.Name is not { } name || !parameters.ContainsKey(name)).ToList();
        // Aliases first: they are what the call needs; the system query options follow.
        operation.Parameters = aliases.Select(alias => (IOpenApiParameter)new OpenApiParameter
        {
            Name = alias.Alias,
            In = ParameterLocation.Query,
            // In the alias form every alias named in the path must be given a value; null is how to leave one out.
            Required = true,
            Description = $"`{alias.Parameter}` ({Describe(parameters[alias.Parameter])}): {alias.Description}",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Example = JsonValue.Create(alias.Value),
        }).Concat(options).ToList();

        var exampleQuery = string.Join("&", aliases.Select(a => $"{a.Alias}={a.Value}"));
        var optional = parameters.Values.Where(p => p is IEdmOptionalParameter).Select(p => p.Name).ToList();
        operation.Description = string.Join("\n\n", new[]
        {
            operation.Description,
            $"Example: `{aliasPath}?{exampleQuery}`",
            optional.Count == 0 ? null
                : $"{string.Join(" and ", optional)} are optional: pass null (`{string.Join("&", aliases.Where(a => optional.Contains(a.Parameter)).Select(a => a.Alias + "=null"))}`), "
                  + $"or leave them out of the parentheses. The namespace-qualified name {function.Namespace}.{function.Name} works too.",
        }.Where(s => !string.IsNullOrEmpty(s)));
    }

    private static IReadOnlyList<ODataExamples.AliasExample> Aliases(IEdmFunction function) =>
        ODataExamples.FunctionAliases.TryGetValue(function.Name, out var known)
            ? known
            : function.Parameters.Skip(1).Select(p => new ODataExamples.AliasExample(p.Name, "@" + p.Name, "null", Describe(p))).ToList();

    private static string Describe(IEdmOperationParameter parameter) =>
        (parameter.Type.IsCollection() ? $"Collection({parameter.Type.AsCollection().ElementType().FullName()})" : parameter.Type.FullName())
        + (parameter is IEdmOptionalParameter ? ", optional" : "");
}
