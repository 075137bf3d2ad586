using DiagnosticTests.Api.Data.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace DiagnosticTests.Api.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the provider-specific context chosen by configuration, resolvable as <see cref="AppDbContext"/>.
    /// Pooled: the contexts hold no per-request state, and every request (sign-in lookup included) needs one.
    /// </summary>
    public static IServiceCollection AddAppDbContext(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)
            ?? DatabaseOptions.DefaultConnectionString;

        services.AddSingleton<DataVersions>();
        services.AddSingleton<WriteTrackingInterceptor>();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<PostgresDbContext>((sp, db) => db
                .UseNpgsql(PostgresConnectionStrings.ForService(connectionString), npgsql => npgsql.ExecutionStrategy(dependencies => new StreamingRetryingExecutionStrategy(dependencies)))
                .ReplaceService<IQuerySqlGeneratorFactory, CitextAsTextQuerySqlGeneratorFactory>()
                .AddInterceptors(sp.GetRequiredService<WriteTrackingInterceptor>()));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresDbContext>());
            // Other replicas' writes arrive as notifications; caching waits until they are heard.
            services.AddHostedService<PostgresChangeListener>();
        }
        else
        {
            services.AddDbContextPool<SqliteDbContext>((sp, db) => db
                .UseSqlite(connectionString)
                .AddInterceptors(sp.GetRequiredService<WriteTrackingInterceptor>()));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteDbContext>());
            // An embedded database has one writer, this process, whose writes the interceptor sees.
            services.AddSingleton<IHostedService, TrackSingleProcessWrites>();
        }

        return services;
    }
}
