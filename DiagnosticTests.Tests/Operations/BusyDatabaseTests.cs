using System.Net;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DiagnosticTests.Tests.Operations;

/// <summary>
/// The service keeps a small connection pool (about one connection per statement the database's cores can run
/// at once). When every connection stays busy for the connection string's Timeout, a request is told to come
/// back: 503 with Retry-After, at once rather than after a round of retries, and nothing is written.
/// </summary>
public sealed class BusyDatabaseTests : OwnServiceTestBase
{
    // One connection, given up on after a second: this process can take it, so the service has none.
    private static readonly string ConnectionString = $"{Harness.ConnectionString};Application Name=busy-database-tests;Maximum Pool Size=1;Timeout=1";

    private readonly RecordingLoggerProvider _log = new();

    [Test]
    public async Task A_read_that_finds_every_connection_busy_is_asked_to_retry_and_succeeds_once_one_is_free()
    {
        using var reader = await SignedInToTheOneConnectionService("Reader");

        using (await TakeTheServicesConnection())
        {
            using var busy = await reader.GetAsync("/odata/DiagnosticTests?$expand=Tags");
            var error = await ReadError(busy);

            Assert.That(error.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), error.Body);
            Assert.That(busy.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(error.Code, Is.EqualTo("ServiceUnavailable"));
            Assert.That(error.Message, Does.Contain("busy").And.Contain("Retry"));
        }

        var page = await GetJson(reader, "/odata/DiagnosticTests?$expand=Tags&$orderby=Name");
        Assert.That(Names(page), Has.Count.EqualTo(5));
    }

    [Test]
    public async Task Concurrent_repeats_of_a_tag_search_take_turns_on_the_one_connection()
    {
        using var reader = await SignedInToTheOneConnectionService("Reader");
        // Counted too: the count runs on the same connection after the page, so the page's reader must be done.
        const string FeverWithTags = "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'fever')&$expand=Tags&$count=true";
        var first = await GetJson(reader, FeverWithTags);

        var repeats = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => reader.GetStringAsync(FeverWithTags)));

        Assert.That(Names(first), Is.Not.Empty);
        Assert.That(repeats, Is.All.EqualTo(first.GetRawText()));
    }

    [Test]
    public async Task The_wait_for_a_connection_is_not_retried()
    {
        using var reader = await SignedInToTheOneConnectionService("Reader");

        using (await TakeTheServicesConnection())
        {
            using var busy = await reader.GetAsync("/odata/DiagnosticTests");
            Assert.That(busy.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        }

        Assert.That(_log.Events.Where(e => e.Id == CoreEventId.ExecutionStrategyRetrying.Id), Is.Empty);
    }

    [Test]
    public async Task A_write_that_finds_every_connection_busy_changes_nothing()
    {
        using var editor = await SignedInToTheOneConnectionService("Editor");

        using (await TakeTheServicesConnection())
        {
            using var busy = await PostJson(editor, "/odata/Tags", new { Name = "night sweats", Category = "Symptom" });
            Assert.That(busy.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await busy.Content.ReadAsStringAsync());
        }

        Assert.That(await Scalar<long>("""SELECT count(*) FROM "Tags" WHERE "Name" = 'night sweats'"""), Is.Zero);
    }

    /// <summary>A client of a service whose pool holds one connection, its user already known to it.</summary>
    private async Task<HttpClient> SignedInToTheOneConnectionService(string role)
    {
        Service = new ApiFactory(ConnectionString, new Dictionary<string, string?>
        {
            // EF logs each retry of its execution strategy at Information.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Infrastructure"] = "Information",
        });
        var logged = Service.WithWebHostBuilder(host => host.ConfigureLogging(logging => logging.AddProvider(_log)));
        using var signedIn = await SignedInAs(role);
        var client = ClientOf(logged, signedIn);
        await GetJson(client, "/odata/Tags");
        return client;
    }

    /// <summary>
    /// Opens the service's one connection from this process: the same connection string (as the service extends
    /// it) names the same pool.
    /// </summary>
    private static async Task<NpgsqlConnection> TakeTheServicesConnection()
    {
        var connection = new NpgsqlConnection(PostgresConnectionStrings.ForService(ConnectionString));
        await connection.OpenAsync();
        return connection;
    }
}
