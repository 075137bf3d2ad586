using System.Data.Common;
using Npgsql;

namespace DiagnosticTests.Api.Data;

/// <summary>The driver settings the service adds to the operator's PostgreSQL connection string; any it sets itself are kept.</summary>
public static class PostgresConnectionStrings
{
    /// <summary>Statements a connection has run this often are prepared; every catalogue query shape qualifies at once.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare=64</c>: PostgreSQL parses and plans each query shape once per connection rather than
    /// per request; planning the tag search cost more than running it (the rare-tag search went from 929 to 1,623
    /// requests/s). <c>Max Auto Prepare=0</c> turns it off (say, behind a transaction-pooling PgBouncer older than 1.21).</item>
    /// <item><c>No Reset On Close=true</c>: a pooled connection is not reset before its next use. EF opens one per
    /// statement, and the reset batch cost 15% of the rare-tag search's throughput. The service leaves no session
    /// state behind (no SET, LISTEN on its own connection, the migration lock released in a finally).</item>
    /// </list>
    /// </summary>
    public static string ForService(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            tuned.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            tuned.NoResetOnClose = true;
        }

        return tuned.ConnectionString;
    }
}
