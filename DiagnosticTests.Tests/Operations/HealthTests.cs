using System.Net;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.Operations;

public sealed class HealthTests : ApiTestBase
{
    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    public async Task Health_endpoints_answer_without_a_token(string url)
    {
        using var response = await Anonymous().GetAsync(url);
        var body = await ReadJson(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        }
    }

    [Test]
    public async Task Ready_reports_the_database_check()
    {
        using var response = await Anonymous().GetAsync("/health/ready");
        var database = (await ReadJson(response)).GetProperty("checks").GetProperty("database");

        Assert.That(database.GetProperty("description").GetString(), Is.EqualTo("The database is reachable and up to date."));
    }

    [Test]
    public async Task Ready_fails_while_a_migration_is_missing()
    {
        var removed = await Scalar<string>("""SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" DESC LIMIT 1""");
        await ExecuteSql("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = @id""", ("id", removed));
        try
        {
            using var ready = await Anonymous().GetAsync("/health/ready");
            using var live = await Anonymous().GetAsync("/health/live");

            using (Assert.EnterMultipleScope())
            {
                Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(await ready.Content.ReadAsStringAsync(), Does.Contain("1 migration(s) not applied yet"));
                Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "liveness does not depend on the database");
            }
        }
        finally
        {
            await ExecuteSql("""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES (@id, '10.0.15')""", ("id", removed));
        }
    }
}
