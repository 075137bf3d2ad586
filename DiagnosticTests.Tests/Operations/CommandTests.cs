using DiagnosticTests.Api.Commands;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.Startup;
using DiagnosticTests.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DiagnosticTests.Tests.Operations;

/// <summary>The verbs the container image runs besides serving: create-admin, wait-for-db, migrate.</summary>
[NonParallelizable]
public sealed class CommandTests : ApiTestBase
{
    [Test]
    public async Task Create_admin_takes_the_password_from_ADMIN_PASSWORD_and_the_admin_can_sign_in()
    {
        await using var factory = new ApiFactory(Harness.ConnectionString, new Dictionary<string, string?> { ["ADMIN_PASSWORD"] = "from-the-environment" });
        using var started = factory.CreateClient();

        var (exitCode, output) = await Run(factory.Services, "create-admin", "--email", "root@example.org");
        using var token = await PostJson(started, "/api/auth/token", new { email = "root@example.org", password = "from-the-environment" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("root@example.org is an active Admin"));
            Assert.That(await Scalar<string>("""SELECT "Role" FROM "Users" WHERE "Email" = 'root@example.org'"""), Is.EqualTo("Admin"));
            Assert.That(token.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task Create_admin_promotes_an_existing_account()
    {
        await using var factory = new ApiFactory(Harness.ConnectionString, new Dictionary<string, string?> { ["ADMIN_PASSWORD"] = "from-the-environment" });
        using var client = factory.CreateClient();
        using var registered = await PostJson(client, "/api/auth/register", new { email = "ada@example.org", password = Password, name = "Ada" });

        var (exitCode, _) = await Run(factory.Services, "create-admin", "--email", "ADA@example.org");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(await Scalar<long>("""SELECT count(*) FROM "Users" """), Is.EqualTo(1));
            Assert.That(await Scalar<string>("""SELECT "Role" FROM "Users" """), Is.EqualTo("Admin"));
        }
    }

    [Test]
    public async Task Create_admin_without_an_email_explains_its_usage_and_creates_nothing()
    {
        var (exitCode, output) = await Run(Harness.Factory.Services, "create-admin");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(output, Does.Contain("Usage: create-admin --email"));
            Assert.That(await Scalar<long>("""SELECT count(*) FROM "Users" """), Is.Zero);
        }
    }

    [Test]
    public async Task Wait_for_db_succeeds_at_once_when_the_database_answers()
    {
        var (exitCode, output) = await Run(Harness.Factory.Services, "wait-for-db", "--timeout", "5");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(output, Does.Contain("Database is accepting connections."));
        }
    }

    [Test]
    public async Task Waiting_for_an_unreachable_database_gives_up_after_the_timeout()
    {
        await using var db = new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>()
            .UseNpgsql($"Host=127.0.0.1;Port={FreePort()};Database=x;Username=x;Password=x;Timeout=1").Options);
        var waiter = new DatabaseWaiter(db, NullLogger<DatabaseWaiter>.Instance, TimeProvider.System);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var reachable = await waiter.WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reachable, Is.False);
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2)), "it retried until the timeout");
        }
    }

    [Test]
    public async Task Wait_for_db_refuses_a_timeout_that_is_not_a_number()
    {
        var (exitCode, output) = await Run(Harness.Factory.Services, "wait-for-db", "--timeout", "soon");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(output, Does.Contain("--timeout must be a whole number of seconds"));
        }
    }

    [Test]
    public async Task Two_replicas_migrating_an_empty_database_at_once_both_succeed()
    {
        var database = $"migrate_{Guid.NewGuid():N}";
        await ExecuteSql($"CREATE DATABASE {database}");
        var connectionString = new NpgsqlConnectionStringBuilder(Harness.ConnectionString) { Database = database, Pooling = false }.ConnectionString;
        try
        {
            var replicas = Enumerable.Range(0, 2).Select(async _ =>
            {
                await using var db = new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(connectionString).Options);
                await MigrationRunner.MigrateAsync(db, CancellationToken.None);
            });

            await Task.WhenAll(replicas);

            await using var check = new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(connectionString).Options);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(await check.Database.GetPendingMigrationsAsync(), Is.Empty);
                Assert.That((await check.Database.GetAppliedMigrationsAsync()).Count(), Is.EqualTo(check.Database.GetMigrations().Count()));
            }
        }
        finally
        {
            await ExecuteSql($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    /// <summary>Runs a verb as the executable would, capturing what it prints.</summary>
    private static async Task<(int ExitCode, string Output)> Run(IServiceProvider services, params string[] args)
    {
        var output = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(output);
        try
        {
            return (await CommandRunner.RunAsync(services, args), output.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
