using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Data;

public static class MigrationRunner
{
    // Any fixed number shared by every replica of this service.
    private const long MigrationLockKey = 0x44_69_61_67_54_65_73_74;

    /// <summary>
    /// Applies pending migrations. On PostgreSQL a session advisory lock makes replicas that start
    /// together take turns, so only the first one migrates and the others find nothing to do.
    /// </summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
