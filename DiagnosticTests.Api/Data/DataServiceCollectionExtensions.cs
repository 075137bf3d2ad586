using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the provider-specific context chosen by configuration, resolvable as <see cref="AppDbContext"/>.</summary>
    public static IServiceCollection AddAppDbContext(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)
            ?? DatabaseOptions.DefaultConnectionString;

        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<PostgresDbContext>(db => db.UseNpgsql(
                connectionString,
                npgsql => npgsql.EnableRetryOnFailure()));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresDbContext>());
        }
        else
        {
            services.AddDbContext<SqliteDbContext>(db => db.UseSqlite(connectionString));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteDbContext>());
        }

        return services;
    }
}
