using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests;

/// <summary>Checks the harness itself, so a broken database set-up fails here and not as odd API test failures.</summary>
public sealed class HarnessTests : ApiTestBase
{
    [Test]
    public async Task The_test_database_has_the_service_migrations_applied()
    {
        var applied = await Scalar<long>("""SELECT count(*) FROM "__EFMigrationsHistory" """);

        Assert.That(applied, Is.GreaterThan(0));
    }

    [Test]
    public async Task Resetting_the_database_empties_the_tables_and_keeps_the_migrations_history()
    {
        // The shared resetter only knows the tables that existed when it was built, so this probe table gets
        // a resetter of its own; it runs the same Respawn set-up as the one used before every test.
        await ExecuteSql("CREATE TABLE IF NOT EXISTS harness_probe (id int)");
        try
        {
            await ExecuteSql("INSERT INTO harness_probe (id) VALUES (1), (2)");
            var resetter = await DatabaseResetter.CreateAsync(Harness.ConnectionString);

            await resetter.ResetAsync();

            var probeRows = await Scalar<long>("SELECT count(*) FROM harness_probe");
            var migrations = await Scalar<long>("""SELECT count(*) FROM "__EFMigrationsHistory" """);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(probeRows, Is.Zero);
                Assert.That(migrations, Is.GreaterThan(0));
            }
        }
        finally
        {
            // Leave the schema exactly as the migrations made it.
            await ExecuteSql("DROP TABLE IF EXISTS harness_probe");
        }
    }
}
