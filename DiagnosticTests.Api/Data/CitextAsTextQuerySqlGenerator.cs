using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL.Query.Internal;

namespace DiagnosticTests.Api.Data;

/// <summary>
/// Sends <c>citext</c> values (tag and test names) to and from PostgreSQL as <c>text</c>. citext declares its binary
/// send and receive functions as aliases of text's, and PostgreSQL finds an alias by comparing its name with each
/// of its ~3,000 built-in functions' in turn, once per citext parameter and result column of every execution: about
/// a seventh of the backend CPU of the rare-tag search's statement (40.5–43 against 35–36.5 µs per execution). So a citext parameter goes out as text and is
/// cast back in the statement (<c>$1::citext</c>: the comparison, the index and the case-insensitivity are the
/// same), and a citext column of the statement's result comes back as <c>::text</c>, which changes nothing
/// the service reads. Only the outermost projection is cast, and not under <c>DISTINCT</c>, which would then
/// compare names case-sensitively.
/// </summary>
#pragma warning disable EF1001 // Npgsql's generator is public but in an Internal namespace; this extends it, as providers do.
public sealed class CitextAsTextQuerySqlGenerator(
    QuerySqlGeneratorDependencies dependencies,
    IRelationalTypeMappingSource typeMappingSource,
    bool reverseNullOrderingEnabled,
    Version postgresVersion)
    : NpgsqlQuerySqlGenerator(dependencies, typeMappingSource, reverseNullOrderingEnabled, postgresVersion)
{
    private readonly RelationalTypeMapping _text = typeMappingSource.FindMapping(typeof(string), "text")
        ?? throw new InvalidOperationException("Npgsql has no mapping of string to text.");

    private SelectExpression? _root;
    private bool _castingRootProjection;

    /// <summary>True for the mapping of a plain string property stored as citext (not an array of them, not converted).</summary>
    private static bool IsCitext(RelationalTypeMapping? mapping) =>
        mapping is { Converter: null } && mapping.ClrType == typeof(string)
        && string.Equals(mapping.StoreType, "citext", StringComparison.OrdinalIgnoreCase);

    protected override void GenerateRootCommand(Expression queryExpression)
    {
        _root = queryExpression as SelectExpression;
        base.GenerateRootCommand(queryExpression);
    }

    protected override void GenerateProjection(SelectExpression selectExpression)
    {
        _castingRootProjection = ReferenceEquals(selectExpression, _root) && !selectExpression.IsDistinct;
        try
        {
            base.GenerateProjection(selectExpression);
        }
        finally
        {
            _castingRootProjection = false;
        }
    }

    protected override Expression VisitProjection(ProjectionExpression projectionExpression)
    {
        // Sub-queries inside a projected expression keep their own projections as they are.
        var casting = _castingRootProjection;
        _castingRootProjection = false;
        try
        {
            var expression = projectionExpression.Expression;
            return casting && IsCitext(expression.TypeMapping)
                ? base.VisitProjection(new ProjectionExpression(new SqlUnaryExpression(ExpressionType.Convert, expression, typeof(string), _text), projectionExpression.Alias))
                : base.VisitProjection(projectionExpression);
        }
        finally
        {
            _castingRootProjection = casting;
        }
    }

    protected override Expression VisitSqlParameter(SqlParameterExpression sqlParameterExpression)
    {
        if (!IsCitext(sqlParameterExpression.TypeMapping))
        {
            return base.VisitSqlParameter(sqlParameterExpression);
        }

        base.VisitSqlParameter((SqlParameterExpression)sqlParameterExpression.ApplyTypeMapping(_text));
        Sql.Append("::citext");
        return sqlParameterExpression;
    }
}
#pragma warning restore EF1001
