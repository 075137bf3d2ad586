using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace DiagnosticTests.Api.OData.BoundQueries;

/// <summary>
/// Moves a query composed on one DbContext onto another. EF refuses a query whose entity roots belong to a
/// different context, and a reused query was composed on an earlier request's.
/// </summary>
public sealed class QueryRoots(IAsyncQueryProvider? provider) : ExpressionVisitor
{
    public static Expression Rebind(Expression query, IAsyncQueryProvider provider) => new QueryRoots(provider).Visit(query);

    /// <summary>The query with no context behind its roots, so that keeping it keeps no context alive.</summary>
    public static Expression Detach(Expression query) => new QueryRoots(null).Visit(query);

    protected override Expression VisitExtension(Expression node) =>
        node is EntityQueryRootExpression root && !ReferenceEquals(root.QueryProvider, provider)
            ? provider is null ? new EntityQueryRootExpression(root.EntityType) : new EntityQueryRootExpression(provider, root.EntityType)
            : base.VisitExtension(node);
}
