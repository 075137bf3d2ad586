using System.Data.Common;
using Npgsql;

namespace DiagnosticTests.Api.Data;

public static class PostgresConnectionStrings
{
    /// <summary>Statements a connection has run this often are prepared; every catalogue query shape qualifies at once.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Lets Npgsql prepare the statements a connection runs repeatedly, so PostgreSQL parses and plans each query
    /// shape once per connection rather than per request: the planning of the tag search cost more than running it
    /// (the rare-tag search went from 929 to 1,623 requests/s). A connection string that sets Max Auto Prepare
    /// itself is kept as it is, so <c>Max Auto Prepare=0</c> turns it off (say, behind a transaction-pooling PgBouncer
    /// older than 1.21).
    /// </summary>
    public static string WithStatementPreparation(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ConnectionString;
    }
}
