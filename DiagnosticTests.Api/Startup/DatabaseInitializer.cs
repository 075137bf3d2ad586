using DiagnosticTests.Api.Catalogue;
using DiagnosticTests.Api.Data;

namespace DiagnosticTests.Api.Startup;

/// <summary>What every start does before serving: apply migrations, create the first admin, load the catalogue.</summary>
public sealed partial class DatabaseInitializer(
    AppDbContext db,
    DatabaseWaiter waiter,
    AdminBootstrapper admins,
    Users.UserAccounts accounts,
    CatalogueSeeder seeder,
    IConfiguration configuration,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(configuration.GetValue("Database:StartupTimeoutSeconds", 60));
        if (!await waiter.WaitAsync(timeout, cancellationToken))
        {
            throw new InvalidOperationException($"The database did not accept connections within {timeout.TotalSeconds} s; check ConnectionStrings:DiagnosticTests.");
        }

        await MigrateAsync(cancellationToken);
        await EnsureFirstAdminAsync(cancellationToken);
        if (configuration.GetValue("Seed:Catalogue", defaultValue: true))
        {
            await seeder.SeedIfEmptyAsync(cancellationToken);
        }
    }

    public Task MigrateAsync(CancellationToken cancellationToken) => MigrationRunner.MigrateAsync(db, cancellationToken);

    private async Task EnsureFirstAdminAsync(CancellationToken cancellationToken)
    {
        var email = configuration[AdminBootstrapper.EmailKey];
        var password = configuration[AdminBootstrapper.PasswordKey];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || await accounts.AnyActiveAdminAsync(cancellationToken))
        {
            return;
        }

        var result = await admins.CreateOrPromoteAsync(email, password, cancellationToken);
        if (result.Succeeded)
        {
            LogAdminCreated(logger, email);
        }
        else
        {
            LogAdminRefused(logger, email, string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin {Email} from ADMIN_EMAIL/ADMIN_PASSWORD")]
    private static partial void LogAdminCreated(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create the first admin {Email}: {Reason}")]
    private static partial void LogAdminRefused(ILogger logger, string email, string reason);
}
