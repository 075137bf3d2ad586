using System.Text;
using Microsoft.OData.Edm;

namespace DiagnosticTests.Api.OData;

/// <summary>
/// Convention routing only matches a bound function called with every parameter, in the model's order.
/// OData lets clients omit optional parameters and name parameters in any order, so before routing this
/// rewrites <c>/odata/Set/[Namespace.]Function(b=2,a=1)</c> to <c>Function(a=1,b=2,c=null)</c>; an alias with
/// no value in the query string is null too.
/// </summary>
public sealed class FunctionCallCanonicalizer(RequestDelegate next, IEdmModel model)
{
    private readonly string _prefix = "/" + ODataSetup.RoutePrefix + "/";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.Value is { } path && path.StartsWith(_prefix, StringComparison.Ordinal) && path.EndsWith(')'))
        {
            if (Canonicalize(path[_prefix.Length..], context.Request.Query) is { } canonical)
            {
                context.Request.Path = _prefix + canonical;
            }
        }

        return next(context);
    }

    private string? Canonicalize(string odataPath, IQueryCollection query)
    {
        var slash = odataPath.IndexOf('/', StringComparison.Ordinal);
        var open = odataPath.IndexOf('(', StringComparison.Ordinal);
        if (slash <= 0 || open < slash)
        {
            return null;
        }

        var entitySet = model.EntityContainer.FindEntitySet(odataPath[..slash]);
        var name = odataPath[(slash + 1)..open];
        var function = entitySet is null ? null : FindCollectionBoundFunction(name, entitySet.EntityType);
        if (function is null || SplitArguments(odataPath[(open + 1)..^1]) is not { } arguments)
        {
            return null;
        }

        var parameters = function.Parameters.Skip(1).Select(p => p.Name).ToList();
        if (arguments.Keys.Any(key => !parameters.Contains(key, StringComparer.Ordinal)))
        {
            return null;
        }

        // An omitted parameter, and an alias the query string does not define, both mean null (OData 4.01, 11.2.6.1.1).
        string ValueOf(string parameter) =>
            arguments.TryGetValue(parameter, out var value) && !(value.StartsWith('@') && !query.ContainsKey(value)) ? value : "null";
        var canonical = string.Join(",", parameters.Select(p => $"{p}={ValueOf(p)}"));
        return $"{odataPath[..slash]}/{name}({canonical})";
    }

    private IEdmFunction? FindCollectionBoundFunction(string name, IEdmEntityType entityType)
    {
        var unqualified = name.StartsWith(EdmModelBuilder.Namespace + ".", StringComparison.Ordinal) ? name[(EdmModelBuilder.Namespace.Length + 1)..] : name;
        return model.SchemaElements.OfType<IEdmFunction>().FirstOrDefault(f =>
            f.IsBound && f.Name == unqualified
            && f.Parameters.FirstOrDefault()?.Type is { } binding
            && binding.IsCollection()
            && binding.AsCollection().ElementType().Definition == entityType);
    }

    /// <summary>Splits <c>a=1,b=['x,y'],c=@c</c> at the commas that separate arguments; null when malformed.</summary>
    private static Dictionary<string, string>? SplitArguments(string text)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        if (text.Length == 0)
        {
            return arguments;
        }

        var depth = 0;
        char? quote = null;
        var current = new StringBuilder();
        foreach (var c in text + ",")
        {
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c is '[' or '(' or '{')
            {
                depth++;
            }
            else if (c is ']' or ')' or '}')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                var argument = current.ToString();
                var equals = argument.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || !arguments.TryAdd(argument[..equals].Trim(), argument[(equals + 1)..]))
                {
                    return null;
                }

                current.Clear();
                continue;
            }

            current.Append(c);
        }

        return quote is null && depth == 0 ? arguments : null;
    }
}
