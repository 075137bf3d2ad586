using Npgsql;
using Respawn;

namespace DiagnosticTests.Tests.Infrastructure;

/// <summary>
/// Empties every table between tests, far cheaper than re-creating the database. Respawn reads the table
/// list (and the foreign keys that fix the delete order) once, so create this only after the app has started
/// and applied its migrations; tables created later are not reset by this instance.
/// </summary>
public sealed class DatabaseResetter
{
    private readonly string _connectionString;
    private readonly Respawner _respawner;

    private DatabaseResetter(string connectionString, Respawner respawner)
    {
        _connectionString = connectionString;
        _respawner = respawner;
    }

    public static async Task<DatabaseResetter> CreateAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Respawner respawner;
        try
        {
            respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
            {
                DbAdapter = DbAdapter.Postgres,
                SchemasToInclude = ["public"],
                // The migrations history says which migrations are applied; emptied, the next start-up would re-apply them.
                TablesToIgnore = [new("__EFMigrationsHistory")],
                // Restart identity sequences too, so runs are repeatable (tests still must not rely on id values).
                WithReseed = true,
            });
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("No tables found", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                "The test database has no tables after the app started: the app should apply its EF Core migrations "
                + "on start-up (Database:Provider=Postgres).", ex);
        }

        return new DatabaseResetter(connectionString, respawner);
    }

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await _respawner.ResetAsync(connection);
    }
}
