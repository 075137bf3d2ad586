using System.Linq.Expressions;
using System.Reflection;
using DiagnosticTests.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.OData.BoundQueries;

/// <summary>
/// A reused page query compiled by EF once, so a repeat skips EF's parameter extraction and query-cache lookup
/// (about a fifth of the CPU of a one-row tag search). EF evaluates a compiled query's captured values once, when
/// it compiles, and writes them into the SQL; so each value the query captures from the URL (a member of a constant
/// object, as OData and the binders capture them) becomes a parameter of the compiled query instead, and the SQL
/// keeps its parameters, as for a fresh parse. OData's <c>now()</c> is <c>DateTimeOffset.UtcNow</c>, which the
/// provider translates to the database's <c>now()</c>, so it is not frozen either.
/// </summary>
public sealed class CompiledPage
{
    // EF compiles queries of a context and up to 15 parameters.
    private const int MaxParameters = 15;

    private static readonly MethodInfo[] CompileAsyncQuery = typeof(EF).GetMethods()
        .Where(m => m.Name == nameof(EF.CompileAsyncQuery) && IsQueryableOverload(m))
        .OrderBy(m => m.GetGenericArguments().Length)
        .ToArray();

    private readonly Func<AppDbContext, IAsyncEnumerable<object>> _run;

    private CompiledPage(Func<AppDbContext, IAsyncEnumerable<object>> run) => _run = run;

    /// <summary>The compiled page, or null when the query captures more values than EF takes as parameters.</summary>
    public static CompiledPage? TryCompile(Expression page, Type elementType)
    {
        var captured = new CapturedValues();
        var body = captured.Visit(page);
        if (captured.Values.Count > MaxParameters)
        {
            return null;
        }

        var context = Expression.Parameter(typeof(AppDbContext), "context");
        var parameters = captured.Values.Select(v => v.Parameter).Prepend(context).ToArray();
        var compile = CompileAsyncQuery[captured.Values.Count]
            .MakeGenericMethod([typeof(AppDbContext), .. captured.Values.Select(v => v.Parameter.Type), elementType]);
        var query = (Delegate)compile.Invoke(null, [Expression.Lambda(body, parameters)])!;

        // context => query(context, value0, value1, ...): the URL's values are the same on every call.
        var arguments = captured.Values.Select(v => (Expression)Expression.Constant(v.Value, v.Parameter.Type)).Prepend(context);
        var run = Expression.Lambda<Func<AppDbContext, IAsyncEnumerable<object>>>(Expression.Invoke(Expression.Constant(query), arguments), context);
        return new CompiledPage(run.Compile());
    }

    /// <summary>The page's rows on <paramref name="context"/>.</summary>
    public IAsyncEnumerable<object> Run(AppDbContext context) => _run(context);

    // EF.CompileAsyncQuery(Expression<Func<TContext, ..., IQueryable<TResult>>>), one per parameter count.
    private static bool IsQueryableOverload(MethodInfo method)
    {
        var parameters = method.GetParameters();
        if (parameters.Length != 1)
        {
            return false;
        }

        var func = parameters[0].ParameterType.GetGenericArguments()[0].GetGenericArguments();
        var result = func[^1];
        return result.IsGenericType && result.GetGenericTypeDefinition() == typeof(IQueryable<>)
            && !func.Contains(typeof(CancellationToken));
    }

    private sealed record CapturedValue(ParameterExpression Parameter, object? Value);

    /// <summary>Replaces each captured value (a member of a constant object) with a parameter holding its value.</summary>
    private sealed class CapturedValues : ExpressionVisitor
    {
        public List<CapturedValue> Values { get; } = [];

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Member is not (PropertyInfo or FieldInfo)
                || typeof(IQueryable).IsAssignableFrom(node.Type) || typeof(DbContext).IsAssignableFrom(node.Type))
            {
                return base.VisitMember(node);
            }

            if (node.Expression is ConstantExpression { Value: { } owner } && owner is not IQueryable)
            {
                var value = node.Member is PropertyInfo property ? property.GetValue(owner) : ((FieldInfo)node.Member).GetValue(owner);
                return Add(node.Type, value);
            }

            return base.VisitMember(node);
        }

        private ParameterExpression Add(Type type, object? value)
        {
            var parameter = Expression.Parameter(type, $"p{Values.Count}");
            Values.Add(new CapturedValue(parameter, value));
            return parameter;
        }
    }
}
