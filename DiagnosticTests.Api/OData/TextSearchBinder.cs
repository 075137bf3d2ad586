using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData.UriParser;

namespace DiagnosticTests.Api.OData;

/// <summary>
/// $search: every term must occur, ignoring case, in one of the entity's text fields
/// (Name, Code, Description, Email where the type has them). AND, OR and NOT combine terms.
/// </summary>
public sealed class TextSearchBinder : QueryBinder, ISearchBinder
{
    private static readonly string[] SearchableProperties = ["Name", "Code", "Description", "Email"];
    private static readonly MethodInfo ToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo Contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

    public Expression BindSearch(SearchClause searchClause, QueryBinderContext context)
    {
        var body = Bind(searchClause.Expression, context.CurrentParameter);
        return Expression.Lambda(body, context.CurrentParameter);
    }

    private static Expression Bind(SingleValueNode node, ParameterExpression entity) => node switch
    {
        SearchTermNode term => MatchesTerm(term.Text, entity),
        UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => Expression.Not(Bind(not.Operand, entity)),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => Expression.AndAlso(Bind(and.Left, entity), Bind(and.Right, entity)),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or => Expression.OrElse(Bind(or.Left, entity), Bind(or.Right, entity)),
        _ => throw new NotSupportedException($"The $search expression '{node.Kind}' is not supported."),
    };

    private static Expression MatchesTerm(string text, ParameterExpression entity)
    {
        // Through a closure, so EF sends the term as a parameter rather than inlining a literal.
        var term = Expression.Property(Expression.Constant(new SearchTerm(text.ToLowerInvariant())), nameof(SearchTerm.Value));
        var matches = SearchableProperties
            .Select(name => entity.Type.GetProperty(name))
            .Where(property => property?.PropertyType == typeof(string))
            .Select(property =>
            {
                var value = Expression.Property(entity, property!);
                var contains = Expression.Call(Expression.Call(value, ToLower), Contains, term);
                return (Expression)Expression.AndAlso(Expression.NotEqual(value, Expression.Constant(null, typeof(string))), contains);
            })
            .ToList();
        return matches.Count == 0 ? Expression.Constant(false) : matches.Aggregate(Expression.OrElse);
    }

    private sealed record SearchTerm(string Value);
}
