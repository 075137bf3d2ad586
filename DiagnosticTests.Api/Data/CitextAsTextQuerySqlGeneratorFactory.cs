using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;

namespace DiagnosticTests.Api.Data;

/// <summary>Makes <see cref="CitextAsTextQuerySqlGenerator"/>s with the provider's own settings, in place of Npgsql's factory.</summary>
#pragma warning disable EF1001 // The provider's options interface lives in an Internal namespace.
public sealed class CitextAsTextQuerySqlGeneratorFactory(
    QuerySqlGeneratorDependencies dependencies,
    IRelationalTypeMappingSource typeMappingSource,
    INpgsqlSingletonOptions npgsqlOptions) : IQuerySqlGeneratorFactory
{
    public QuerySqlGenerator Create() =>
        new CitextAsTextQuerySqlGenerator(dependencies, typeMappingSource, npgsqlOptions.ReverseNullOrderingEnabled, npgsqlOptions.PostgresVersion);
}
#pragma warning restore EF1001
