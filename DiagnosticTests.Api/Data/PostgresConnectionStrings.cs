using System.Data.Common;
using Npgsql;

namespace DiagnosticTests.Api.Data;

/// <summary>The driver settings the service adds to the operator's PostgreSQL connection string; any it sets itself are kept.</summary>
public static class PostgresConnectionStrings
{
    /// <summary>Statements a connection has run this often are prepared; every catalogue query shape qualifies at once.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Twice the processor count (at least 4): about as many statements as the cores can run at once. More
    /// connections do not finish more work; they make PostgreSQL's backends take turns on the cores, and the
    /// unlucky requests wait for all of them.
    /// </summary>
    public static int DefaultMaxPoolSize => Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>
    /// Npgsql's experimental multiplexing (removed in Npgsql 11) runs a request's statements on whichever connection is
    /// free: the change listener's LISTEN and the migration lock need one session, and ordinary reads failed. In
    /// the load benchmark it raised the rare-tag search's throughput by half, and scenario 1's p99 from 45 to 163 ms.
    /// </summary>
    public const string MultiplexingRefused =
        "Multiplexing=true in ConnectionStrings:DiagnosticTests is not supported: the service needs its connections to keep their sessions. Remove it.";

    /// <summary>
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare=64</c>: PostgreSQL parses and plans each query shape once per connection rather than
    /// per request; planning the tag search cost more than running it (the rare-tag search went from 929 to 1,623
    /// requests/s). <c>Max Auto Prepare=0</c> turns it off (say, behind a transaction-pooling PgBouncer older than 1.21).</item>
    /// <item><c>No Reset On Close=true</c>: a pooled connection is not reset before its next use. EF opens one per
    /// statement, and the reset batch cost 15% of the rare-tag search's throughput. The service leaves no session
    /// state behind (no SET, LISTEN on its own connection, the migration lock released in a finally).</item>
    /// <item><c>Maximum Pool Size</c>: <see cref="DefaultMaxPoolSize"/>. A request waits for a free connection
    /// instead: with 16 clients of a 4 ms tag count on two cores, the p99 went from 111–131 to 77–88 ms, and
    /// throughput did not fall. No request holds a connection while waiting for a second one, nor while its
    /// response goes to the client (pages are read before they are written).</item>
    /// </list>
    /// </summary>
    public static string ForService(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (tuned.Multiplexing)
        {
            throw new InvalidOperationException(MultiplexingRefused);
        }

        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            tuned.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            tuned.NoResetOnClose = true;
        }

        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("MaxPoolSize"))
        {
            tuned.MaxPoolSize = DefaultMaxPoolSize;
        }

        return tuned.ConnectionString;
    }
}
