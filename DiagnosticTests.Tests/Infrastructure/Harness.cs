using DiagnosticTests.Tests.Infrastructure;

// In the root namespace so it runs once around every fixture of the assembly's DiagnosticTests.Tests.* namespaces.
namespace DiagnosticTests.Tests;

/// <summary>
/// Starts the database and the app once per test run: starting PostgreSQL and migrating take seconds,
/// resetting the tables between tests takes milliseconds. Tests share that one database, so fixtures must
/// not be marked [Parallelizable].
/// </summary>
[SetUpFixture]
public sealed class Harness
{
    private static PostgresServer? s_server;
    private static ApiFactory? s_factory;
    private static DatabaseResetter? s_resetter;

    public static string ConnectionString => Started(s_server).ConnectionString;

    public static ApiFactory Factory => Started(s_factory);

    public static DatabaseResetter Resetter => Started(s_resetter);

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        try
        {
            s_server = await PostgresServer.StartAsync();
            s_factory = new ApiFactory(s_server.ConnectionString);
            // Starting the host applies the migrations, which must exist before Respawn reads the tables.
            s_factory.StartServer();
            s_resetter = await DatabaseResetter.CreateAsync(s_server.ConnectionString);
        }
        catch
        {
            // Leave no cluster running, whatever NUnit does after a failed set-up; stopping twice is harmless.
            await StopAsync();
            throw;
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        s_resetter = null;
        if (s_factory is not null)
        {
            await s_factory.DisposeAsync();
            s_factory = null;
        }

        if (s_server is not null)
        {
            await s_server.DisposeAsync();
            s_server = null;
        }
    }

    private static T Started<T>(T? value) where T : class =>
        value ?? throw new InvalidOperationException(
            "The test harness is not running: test fixtures must live in the DiagnosticTests.Tests namespace (or below).");
}
