using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiagnosticTests.Api.Errors;

/// <summary>Recognises a unique-constraint violation from either provider, which would otherwise surface as a 500.</summary>
public static class UniqueViolation
{
    private const int SqliteConstraint = 19;

    public static bool Matches(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal),
        _ => false,
    };
}
