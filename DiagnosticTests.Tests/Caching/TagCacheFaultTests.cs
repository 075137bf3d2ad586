using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DiagnosticTests.Tests.Caching;

/// <summary>
/// When the tags cannot be loaded, searches still answer (looking names up in the database), and the load is not
/// tried again for every search: a database that refuses it is left alone for a while.
/// </summary>
public sealed class TagCacheFaultTests : CachingTestBase
{
    private const string FeverSearch = "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'fever')&$expand=Tags";

    [Test]
    public async Task While_the_tags_fail_to_load_searches_still_answer_and_the_load_is_not_retried_for_each()
    {
        var failingLoad = new FailingTagLoad();
        await using var factory = WithoutResponseCaching();
        var service = Watched(factory, failingLoad);
        using var editor = await SignedInAsEditor(service);
        using var created = await PostJson(editor, "/odata/DiagnosticTests", new { Name = "Chest X-ray", Category = "Imaging", Tags = new[] { new { Name = "fever" } } });
        await WaitUntilListening(service);

        // The first search starts the load in the background; wait for it to have failed once.
        var firstNames = await NamesAt(editor, FeverSearch);
        var attempted = await Poll(() => Task.FromResult(failingLoad.Attempts), attempts => attempts > 0);
        var searches = new List<HttpStatusCode>();
        for (var search = 0; search < 5; search++)
        {
            using var response = await editor.GetAsync(FeverSearch);
            searches.Add(response.StatusCode);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(attempted, Is.EqualTo(1), "the load is tried");
            Assert.That(firstNames, Is.EqualTo(new[] { "Chest X-ray" }));
            Assert.That(searches, Has.All.EqualTo(HttpStatusCode.OK));
            Assert.That(failingLoad.Attempts, Is.EqualTo(1), "searches right after a failed load do not try it again");
        }
    }

    /// <summary>Fails the tag cache's load (the only query that reads every tag's lower-cased name) as a refusing database would.</summary>
    private sealed class FailingTagLoad : DbCommandInterceptor
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.StartsWith("SELECT lower(t.\"Name\")", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _attempts);
                throw new RefusedByTheDatabase();
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private sealed class RefusedByTheDatabase() : DbException("the tags could not be read");
}
