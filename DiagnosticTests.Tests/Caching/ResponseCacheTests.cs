using System.Net;
using System.Text.Json;
using DiagnosticTests.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DiagnosticTests.Tests.Caching;

/// <summary>
/// With caching on, a repeated catalogue read is answered without touching the database, and any
/// committed write (through the API, or straight into PostgreSQL as another replica would) is seen.
/// </summary>
public sealed class ResponseCacheTests : CachingTestBase
{
    private readonly StatementRecorder _statements = new();
    private ApiFactory _factory = null!;
    private WebApplicationFactory<Program> _service = null!;

    [SetUp]
    public void StartCachingService()
    {
        _factory = new ApiFactory(Harness.ConnectionString, new Dictionary<string, string?> { ["Caching:Enabled"] = "true" });
        _service = Watched(_factory, _statements);
    }

    [TearDown]
    public async Task StopCachingService()
    {
        await _service.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Test]
    public async Task A_repeated_read_runs_no_SQL_at_all()
    {
        using var editor = await SignedInAsEditor(_service);
        using var created = await PostJson(editor, "/odata/DiagnosticTests", new { Name = "Lipid panel", Category = "Laboratory", Tags = new[] { new { Name = "fever" } } });
        const string url = "/odata/DiagnosticTests?$expand=Tags&$filter=Tags/any(t: t/Name eq 'fever')";
        using var first = await editor.GetAsync(url);
        await WaitUntilCachingIsOn(_service, editor, url);

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
        await using var factory = WithoutResponseCaching();
        var service = Watched(factory, statements);
        using var editor = await SignedInAsEditor(service);
        using var created = await PostJson(editor, "/odata/Tags", new { Name = "fever" });
        await WaitUntilCachingIsOn(service, editor, "/odata/Tags");

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
        using var editor = await SignedInAsEditor(_service);
        using var created = await PostJson(editor, "/odata/Tags", new { Name = "fever" });
        await WaitUntilCachingIsOn(_service, editor, "/odata/Tags");
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
        using var editor = await SignedInAsEditor(_service);
        using var created = await PostJson(editor, "/odata/Tags", new { Name = "fever" });
        await WaitUntilCachingIsOn(_service, editor, "/odata/Tags");
        Assert.That(await NamesAt(editor, "/odata/Tags"), Is.EqualTo(new[] { "fever" }));

        // As another replica would: a committed write that this process did not make.
        await ExecuteSql("""UPDATE "Tags" SET "Name" = 'pyrexia'""");

        var seen = await Poll(async () => await NamesAt(editor, "/odata/Tags"), names => names.SequenceEqual(["pyrexia"]));
        Assert.That(seen, Is.EqualTo(new[] { "pyrexia" }));
    }

    [Test]
    public async Task Different_page_sizes_are_not_served_each_other()
    {
        using var editor = await SignedInAsEditor(_service);
        using var fever = await PostJson(editor, "/odata/Tags", new { Name = "fever" });
        using var cough = await PostJson(editor, "/odata/Tags", new { Name = "cough" });
        await WaitUntilCachingIsOn(_service, editor, "/odata/Tags");

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
        using var editor = await SignedInAsEditor(_service);
        using var created = await PostJson(editor, "/odata/Tags", new { Name = "fever" });
        await WaitUntilCachingIsOn(_service, editor, "/odata/Tags");

        await ExecuteSql("""UPDATE "Users" SET "IsActive" = false""");

        var status = await Poll(async () => (await editor.GetAsync("/odata/Tags")).StatusCode, s => s == HttpStatusCode.Unauthorized);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
