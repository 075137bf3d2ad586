using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DiagnosticTests.Tests.Querying;

/// <summary>A page reads in a fixed number of statements however many rows it holds (no N+1).</summary>
public sealed class StatementCountTests : CatalogueTestBase
{
    private readonly CatalogueStatementCounter _counter = new();
    private WatchedReader _reader = null!;

    /// <summary>50 tests, each tagged fever and cough; a Reader whose requests' statements are counted.</summary>
    [SetUp]
    public async Task SeedAndSignIn()
    {
        await SeedManyTests(50);
        await ExecuteSql("""
            INSERT INTO "Tags" ("Name", "Category") VALUES ('fever', 'Symptom'), ('cough', 'Symptom');
            INSERT INTO "DiagnosticTestTags" ("DiagnosticTestId", "TagId") SELECT d."Id", t."Id" FROM "DiagnosticTests" d CROSS JOIN "Tags" t;
            """);
        _reader = await ReaderWatchedBy(_counter);
    }

    [TearDown]
    public async Task DisposeReader() => await _reader.DisposeAsync();

    [Test]
    public async Task Expanding_Tags_runs_as_many_statements_for_50_tests_as_for_5()
    {
        var (fivePage, forFive) = await CountStatements(_reader.Client, _counter, "/odata/DiagnosticTests?$top=5&$expand=Tags");
        var (fiftyPage, forFifty) = await CountStatements(_reader.Client, _counter, "/odata/DiagnosticTests?$top=50&$expand=Tags");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Names(fivePage), Has.Count.EqualTo(5));
            Assert.That(Names(fiftyPage), Has.Count.EqualTo(50));
            Assert.That(fiftyPage.GetProperty("value").EnumerateArray().Select(t => t.GetProperty("Tags").GetArrayLength()), Has.All.EqualTo(2));
            Assert.That(forFive, Is.Not.Empty, "the counter sees the catalogue queries");
            Assert.That(forFifty, Has.Count.EqualTo(forFive.Count), string.Join("\n---\n", forFifty));
        }
    }

    [Test]
    public async Task Recommend_reads_the_requested_tags_the_multi_match_tests_and_the_ranked_page_in_three_statements()
    {
        var (fivePage, forFive) = await CountStatements(_reader.Client, _counter, "/odata/DiagnosticTests/Recommend(tags=['fever','cough'])?$top=5");
        var (page, statements) = await CountStatements(_reader.Client, _counter, "/odata/DiagnosticTests/Recommend(tags=['fever','cough'])?$top=40");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fivePage.GetProperty("value").GetArrayLength(), Is.EqualTo(5));
            Assert.That(page.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("MatchedTags").GetArrayLength()), Has.Exactly(40).EqualTo(2));
            Assert.That(statements, Has.Count.EqualTo(3), string.Join("\n---\n", statements));
            Assert.That(forFive, Has.Count.EqualTo(statements.Count), string.Join("\n---\n", forFive));
        }
    }

    private static async Task<(System.Text.Json.JsonElement Page, List<string> Statements)> CountStatements(
        HttpClient client, CatalogueStatementCounter counter, string url)
    {
        counter.Clear();
        var page = await GetJson(client, url);
        return (page, counter.Statements);
    }

    /// <summary>Records the queries a request runs, leaving out the per-request lookup of the signed-in user.</summary>
    private sealed class CatalogueStatementCounter : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _statements = new();

        public List<string> Statements => [.. _statements];

        public void Clear() => _statements.Clear();

        public override InterceptionResult<DbDataReader> ReaderExecuting(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return base.ReaderExecuting(command, eventData, result);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Record(DbCommand command)
        {
            if (!command.CommandText.Contains("FROM \"Users\"", StringComparison.Ordinal))
            {
                _statements.Enqueue(command.CommandText);
            }
        }
    }
}
