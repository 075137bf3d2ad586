using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DiagnosticTests.Tests.Caching;

/// <summary>
/// With caching on, a repeated catalogue read is answered without touching the database, and any
/// committed write (through the API, or straight into PostgreSQL as another replica would) is seen.
/// </summary>
public sealed class ResponseCacheTests : ApiTestBase
{
    private readonly StatementRecorder _statements = new();
    private ApiFactory _factory = null!;
    private WebApplicationFactoryClientSource _clients = null!;

    [SetUp]
    public void StartCachingService()
    {
        _factory = new ApiFactory(Harness.ConnectionString, new Dictionary<string, string?> { ["Caching:Enabled"] = "true" });
        var withRecorder = _factory.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.ConfigureDbContext<PostgresDbContext>(options => options.AddInterceptors(_statements))));
        _clients = new WebApplicationFactoryClientSource(withRecorder);
    }

    [TearDown]
    public async Task StopCachingService() => await _factory.DisposeAsync();

    [Test]
    public async Task A_repeated_read_runs_no_SQL_at_all()
    {
        using var editor = await _clients.SignedInAsEditor();
        using var created = await PostJson(editor, "/odata/DiagnosticTests", new { Name = "Lipid panel", Category = "Laboratory", Tags = new[] { new { Name = "fever" } } });
        const string url = "/odata/DiagnosticTests?$expand=Tags&$filter=Tags/any(t: t/Name eq 'fever')";
        using var first = await editor.GetAsync(url);
        await _clients.WaitUntilCachingIsOn(editor, url);

        _statements.Clear();
        using var repeated = await editor.GetAsync(url);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(repeated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await repeated.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(_statements.All, Is.Empty, "statements run for a cached read");
        }
    }

    [Test]
    public async Task With_response_caching_off_a_repeated_read_queries_the_catalogue_but_not_the_caller()
    {
        var statements = new StatementRecorder();
        await using var factory = new ApiFactory(Harness.ConnectionString, new Dictionary<string, string?>
        {
            ["Caching:Enabled"] = "true",
            ["Caching:Responses"] = "false",
        });
        var clients = new WebApplicationFactoryClientSource(factory.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.ConfigureDbContext<PostgresDbContext>(options => options.AddInterceptors(statements)))));
        using var editor = await clients.SignedInAsEditor();
        using var created = await PostJson(editor, "/odata/Tags", new { Name = "fever" });
        await clients.WaitUntilCachingIsOn(editor, "/odata/Tags");

        statements.Clear();
        using var repeated = await editor.GetAsync("/odata/Tags");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(repeated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(statements.All, Has.Some.Contains("\"Tags\""), "the page is read from the database");
            Assert.That(statements.All, Has.None.Contains("\"Users\""), "the signed-in user is remembered");
        }
    }

    [Test]
    public async Task A_write_through_the_API_is_visible_on_the_next_read()
    {
        using var editor = await _clients.SignedInAsEditor();
        using var created = await PostJson(editor, "/odata/Tags", new { Name = "fever" });
        await _clients.WaitUntilCachingIsOn(editor, "/odata/Tags");
        var before = await NamesAt(editor, "/odata/Tags");

        using var renamed = await PatchJson(editor, "/odata/Tags(1)", new { Name = "pyrexia" });
        var after = await NamesAt(editor, "/odata/Tags");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before, Is.EqualTo(new[] { "fever" }));
            Assert.That(after, Is.EqualTo(new[] { "pyrexia" }));
        }
    }

    [Test]
    public async Task A_write_made_directly_in_PostgreSQL_reaches_the_cache_through_notifications()
    {
        using var editor = await _clients.SignedInAsEditor();
        using var created = await PostJson(editor, "/odata/Tags", new { Name = "fever" });
        await _clients.WaitUntilCachingIsOn(editor, "/odata/Tags");
        Assert.That(await NamesAt(editor, "/odata/Tags"), Is.EqualTo(new[] { "fever" }));

        // As another replica would: a committed write that this process did not make.
        await ExecuteSql("""UPDATE "Tags" SET "Name" = 'pyrexia'""");

        var seen = await Poll(async () => await NamesAt(editor, "/odata/Tags"), names => names.SequenceEqual(["pyrexia"]));
        Assert.That(seen, Is.EqualTo(new[] { "pyrexia" }));
    }

    [Test]
    public async Task Different_page_sizes_are_not_served_each_other()
    {
        using var editor = await _clients.SignedInAsEditor();
        using var fever = await PostJson(editor, "/odata/Tags", new { Name = "fever" });
        using var cough = await PostJson(editor, "/odata/Tags", new { Name = "cough" });
        await _clients.WaitUntilCachingIsOn(editor, "/odata/Tags");

        var all = await NamesAt(editor, "/odata/Tags");
        using var onePerPage = new HttpRequestMessage(HttpMethod.Get, "/odata/Tags");
        onePerPage.Headers.Add("Prefer", "odata.maxpagesize=1");
        using var paged = await editor.SendAsync(onePerPage);
        var page = JsonDocument.Parse(await paged.Content.ReadAsStringAsync()).RootElement;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(all, Has.Count.EqualTo(2));
            Assert.That(page.GetProperty("value").GetArrayLength(), Is.EqualTo(1));
            Assert.That(page.TryGetProperty("@odata.nextLink", out _), Is.True);
        }
    }

    [Test]
    public async Task A_deactivated_user_is_refused_even_when_the_answer_is_cached()
    {
        using var editor = await _clients.SignedInAsEditor();
        using var created = await PostJson(editor, "/odata/Tags", new { Name = "fever" });
        await _clients.WaitUntilCachingIsOn(editor, "/odata/Tags");

        await ExecuteSql("""UPDATE "Users" SET "IsActive" = false""");

        var status = await Poll(async () => (await editor.GetAsync("/odata/Tags")).StatusCode, s => s == HttpStatusCode.Unauthorized);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static async Task<List<string>> NamesAt(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. body.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("Name").GetString()!)];
    }

    // Notifications from PostgreSQL arrive asynchronously, within milliseconds; allow a few seconds.
    private static async Task<T> Poll<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        for (var attempt = 0; attempt < 50 && !done(value); attempt++)
        {
            await Task.Delay(100);
            value = await read();
        }

        return value;
    }

    private sealed class StatementRecorder : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _statements = new();

        public IReadOnlyList<string> All => [.. _statements];

        public void Clear() => _statements.Clear();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _statements.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            _statements.Enqueue(command.CommandText);
            return base.ReaderExecuting(command, eventData, result);
        }
    }

    /// <summary>Clients of the caching service, signed in as a fresh Editor.</summary>
    private sealed class WebApplicationFactoryClientSource(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
    {
        public async Task<HttpClient> SignedInAsEditor()
        {
            var email = $"editor-{Guid.NewGuid():N}@example.com";
            var client = factory.CreateClient();
            using var registered = await PostJson(client, "/api/auth/register", new { email, password = Password, name = "Editor" });
            await ExecuteSql("""UPDATE "Users" SET "Role" = 'Editor' WHERE "Email" = @email""", ("email", email));
            using var token = await PostJson(client, "/api/auth/token", new { email, password = Password });
            var accessToken = (await ReadJson(token)).GetProperty("access_token").GetString();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            return client;
        }

        /// <summary>Caching starts once the service listens for notifications: wait until a read is served twice with one ETag.</summary>
        public async Task WaitUntilCachingIsOn(HttpClient client, string url)
        {
            var tracking = factory.Services.GetRequiredService<DiagnosticTests.Api.Data.Changes.DataVersions>();
            for (var attempt = 0; attempt < 100 && !tracking.IsTracking; attempt++)
            {
                await Task.Delay(50);
            }

            Assert.That(tracking.IsTracking, Is.True, "the service should be listening for changes");
            using var warm = await client.GetAsync(url);
        }
    }
}
