using System.Collections.Concurrent;
using System.Data.Common;
using DiagnosticTests.Api.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DiagnosticTests.Tests.Querying;

/// <summary>
/// Catalogue queries, pages and reads by key, run asynchronously: a synchronous database call holds a thread-pool thread for the
/// whole round trip, which caps throughput under load.
/// </summary>
public sealed class AsyncExecutionTests : CatalogueTestBase
{
    [TestCase("/odata/DiagnosticTests?$expand=Tags&$filter=Tags/any(t: t/Name eq 'fever')&$top=50")]
    [TestCase("/odata/DiagnosticTests?$select=Name,Code,Category,Specimen&$top=100")]
    [TestCase("/odata/Tags?$expand=DiagnosticTests")]
    [TestCase("/odata/DiagnosticTests?$filter=Tags/any(t: t/Name in ('fever','cough'))&$count=true&$top=1")]
    public async Task A_collection_read_runs_no_synchronous_SQL(string url)
    {
        await SeedCatalogue();
        using var signedIn = await SignedInAs("Reader");
        var (recorder, factory) = Recording();
        using (factory)
        using (var reader = ClientOf(factory, signedIn))
        {
            var page = await GetJson(reader, url);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(page.GetProperty("value").GetArrayLength(), Is.GreaterThan(0));
                Assert.That(recorder.Synchronous, Is.Empty, string.Join("\n---\n", recorder.Synchronous));
                Assert.That(recorder.Asynchronous, Is.Not.Empty, "the recorder sees the query");
            }
        }
    }

    [TestCase("DiagnosticTests", "?$expand=Tags")]
    [TestCase("DiagnosticTests", "?$select=Name,Code")]
    [TestCase("Tags", "")]
    public async Task A_read_by_key_runs_no_synchronous_SQL(string set, string options)
    {
        await SeedCatalogue();
        using var signedIn = await SignedInAs("Reader");
        var key = await FirstIdByName(signedIn, set);
        var (recorder, factory) = Recording();
        using (factory)
        using (var reader = ClientOf(factory, signedIn))
        {
            var entity = await GetJson(reader, $"/odata/{set}({key}){options}");

            using (Assert.EnterMultipleScope())
            {
                Assert.That(entity.GetProperty("Name").GetString(), Is.Not.Empty);
                Assert.That(recorder.Synchronous, Is.Empty, string.Join("\n---\n", recorder.Synchronous));
                Assert.That(recorder.Asynchronous, Is.Not.Empty, "the recorder sees the query");
            }
        }
    }

    [Test]
    public async Task A_missing_key_is_a_404_without_synchronous_SQL()
    {
        await SeedCatalogue();
        using var signedIn = await SignedInAs("Reader");
        var (recorder, factory) = Recording();
        using (factory)
        using (var reader = ClientOf(factory, signedIn))
        {
            using var response = await reader.GetAsync("/odata/DiagnosticTests(999999)?$expand=Tags");

            using (Assert.EnterMultipleScope())
            {
                Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
                Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"error\""), "an OData error body");
                Assert.That(recorder.Synchronous, Is.Empty, string.Join("\n---\n", recorder.Synchronous));
            }
        }
    }

    [TestCase("?$top=1", "not a collection")]
    [TestCase("?$filter=Price gt 1", "not a collection")]
    [TestCase("?$select=Nope", "Nope")]
    public async Task A_read_by_key_refuses_collection_options_and_unknown_properties_by_name(string options, string named)
    {
        await SeedCatalogue();
        using var signedIn = await SignedInAs("Reader");
        var key = await FirstIdByName(signedIn, "DiagnosticTests");

        using var response = await signedIn.GetAsync($"/odata/DiagnosticTests({key}){options}");
        var body = await response.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.BadRequest));
            Assert.That(body, Does.Contain("\"error\"").And.Contain(named));
            Assert.That(body, Does.Not.Contain(" at "), "no stack trace");
        }
    }

    [Test]
    public async Task Expanded_tags_are_complete_whatever_the_page_size()
    {
        using var editor = await SignedInAs("Editor");
        using var created = await PostJson(editor, "/odata/DiagnosticTests",
            new { Name = "Chest X-ray", Category = "Imaging", Tags = new[] { new { Name = "cough" }, new { Name = "fever" }, new { Name = "chest pain" } } });
        using var second = await PostJson(editor, "/odata/DiagnosticTests", new { Name = "Spirometry", Category = "Respiratory" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/odata/DiagnosticTests?$expand=Tags");
        request.Headers.Add("Prefer", "odata.maxpagesize=1");

        using var response = await editor.SendAsync(request);
        var page = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var first = page.GetProperty("value")[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.GetProperty("value").GetArrayLength(), Is.EqualTo(1));
            Assert.That(page.TryGetProperty("@odata.nextLink", out _), Is.True);
            Assert.That(first.GetProperty("Tags").GetArrayLength(), Is.EqualTo(3));
            Assert.That(first.TryGetProperty("Tags@odata.nextLink", out _), Is.False);
        }
    }

    private static async Task<int> FirstIdByName(HttpClient client, string set) =>
        (await GetJson(client, $"/odata/{set}?$orderby=Name&$top=1&$select=Id")).GetProperty("value")[0].GetProperty("Id").GetInt32();

    private static (SynchronousCommandRecorder Recorder, WebApplicationFactory<Program> Factory) Recording()
    {
        var recorder = new SynchronousCommandRecorder();
        return (recorder, Harness.Factory.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.ConfigureDbContext<PostgresDbContext>(options => options.AddInterceptors(recorder)))));
    }

    private sealed class SynchronousCommandRecorder : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _synchronous = new();
        private readonly ConcurrentQueue<string> _asynchronous = new();

        public IReadOnlyList<string> Synchronous => [.. _synchronous];

        public IReadOnlyList<string> Asynchronous => [.. _asynchronous];

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            _synchronous.Enqueue(command.CommandText);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _asynchronous.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}
