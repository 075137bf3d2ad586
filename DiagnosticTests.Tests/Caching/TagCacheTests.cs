using System.Net;
using DiagnosticTests.Api.Catalogue;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.OData.DirectWriting;
using DiagnosticTests.Domain;
using DiagnosticTests.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DiagnosticTests.Tests.Caching;

/// <summary>
/// With caching on, a tag search sends each tag it knows as its id, expanded tags and Recommend's tags come from
/// memory (<see cref="TagCache"/>), and all still answer exactly as the database would: after a rename, a
/// deletion or a write from another replica, and for names the service leaves to the database's comparison.
/// </summary>
public sealed class TagCacheTests : CachingTestBase
{
    private const string FeverSearch = "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'fever')&$expand=Tags";

    private readonly StatementRecorder _statements = new();
    private ApiFactory _factory = null!;
    private WebApplicationFactory<Program> _service = null!;
    private HttpClient _editor = null!;

    [SetUp]
    public async Task StartCachingServiceWithCatalogue()
    {
        // Responses are not cached, so every search below is answered by a query.
        _factory = WithoutResponseCaching();
        _service = Watched(_factory, _statements);
        _editor = await SignedInAsEditor(_service);
        await Create("Chest X-ray", "fever", "cough");
        await Create("Urine analysis", "dysuria", "fever");
        await Create("Lipid profile", "family history of heart disease");
        await WaitUntilCachingIsOn(_service, _editor, "/odata/Tags");
    }

    [TearDown]
    public async Task StopCachingService()
    {
        _editor.Dispose();
        await _service.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Test]
    public async Task Once_the_ids_are_known_a_search_sends_its_tag_as_an_id_and_finds_the_same_tests()
    {
        var feverId = await Scalar<int>("""SELECT "Id" FROM "Tags" WHERE "Name" = 'fever'""");
        await WaitUntilTheTagsAreKnown(_service);

        _statements.Clear();
        var names = await NamesAt(_editor, FeverSearch);
        var search = _statements.WithValues.Single(statement => statement.Sql.Contains("\"DiagnosticTestTags\"", StringComparison.Ordinal));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(names, Is.EqualTo(new[] { "Chest X-ray", "Urine analysis" }));
            Assert.That(search.Values, Has.Member(feverId), "the tag is sent as its id");
            Assert.That(search.Values, Has.No.Member("fever"), "no look-up of the name");
        }
    }

    [Test]
    public async Task A_repeated_search_follows_a_rename_of_its_tag()
    {
        await WaitUntilTheTagsAreKnown(_service);
        var before = await NamesAt(_editor, FeverSearch);
        var repeated = await NamesAt(_editor, FeverSearch);
        var feverId = await Scalar<int>("""SELECT "Id" FROM "Tags" WHERE "Name" = 'fever'""");

        using var renamed = await PatchJson(_editor, $"/odata/Tags({feverId})", new { Name = "pyrexia" });
        var after = await NamesAt(_editor, FeverSearch);
        var byNewName = await NamesAt(_editor, FeverSearch.Replace("'fever'", "'pyrexia'", StringComparison.Ordinal));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(renamed.IsSuccessStatusCode, Is.True, $"rename: {renamed.StatusCode}");
            Assert.That(before, Is.EqualTo(new[] { "Chest X-ray", "Urine analysis" }));
            Assert.That(repeated, Is.EqualTo(before));
            Assert.That(after, Is.Empty, "no tag is named fever any more");
            Assert.That(byNewName, Is.EqualTo(before));
        }
    }

    [Test]
    public async Task A_tag_deleted_and_created_again_is_found_under_its_new_id()
    {
        await WaitUntilTheTagsAreKnown(_service);
        var before = await NamesAt(_editor, FeverSearch);
        var feverId = await Scalar<int>("""SELECT "Id" FROM "Tags" WHERE "Name" = 'fever'""");

        using var deleted = await _editor.DeleteAsync($"/odata/Tags({feverId})");
        var afterDeletion = await NamesAt(_editor, FeverSearch);
        await Create("Blood culture", "fever");
        await WaitUntilTheTagsAreKnown(_service);
        var afterCreation = await NamesAt(_editor, FeverSearch);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(before, Is.EqualTo(new[] { "Chest X-ray", "Urine analysis" }));
            Assert.That(afterDeletion, Is.Empty);
            Assert.That(afterCreation, Is.EqualTo(new[] { "Blood culture" }));
        }
    }

    [Test]
    public async Task A_rename_made_directly_in_PostgreSQL_reaches_searches_through_notifications()
    {
        await WaitUntilTheTagsAreKnown(_service);
        var before = await NamesAt(_editor, FeverSearch);

        // As another replica would: a committed write that this process did not make.
        await ExecuteSql("""UPDATE "Tags" SET "Name" = 'pyrexia' WHERE "Name" = 'fever'""");

        var after = await Poll(() => NamesAt(_editor, FeverSearch), names => names.Count == 0);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(before, Is.EqualTo(new[] { "Chest X-ray", "Urine analysis" }));
            Assert.That(after, Is.Empty);
        }
    }

    [Test]
    public async Task Names_in_capitals_or_with_accents_are_still_found_by_the_database()
    {
        await Create("Malaria smear", "fièvre");
        await WaitUntilTheTagsAreKnown(_service);

        var capitals = await NamesAt(_editor, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name in ('FEVER', 'Cough'))&$orderby=Name");
        var accented = await NamesAt(_editor, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'Fièvre')");
        var mixed = await NamesAt(_editor, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'fièvre') or Tags/any(t: t/Name eq 'dysuria')&$orderby=Name");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(capitals, Is.EqualTo(new[] { "Chest X-ray", "Urine analysis" }));
            Assert.That(accented, Is.EqualTo(new[] { "Malaria smear" }));
            Assert.That(mixed, Is.EqualTo(new[] { "Malaria smear", "Urine analysis" }));
        }
    }

    [Test]
    public async Task Recommend_takes_known_tags_from_memory_and_ranks_as_before()
    {
        await WaitUntilTheTagsAreKnown(_service);

        _statements.Clear();
        using var response = await _editor.GetAsync("/odata/DiagnosticTests/Recommend(tags=@t)?@t=[\"fever\",\"cough\"]");
        var rows = (await ReadJson(response)).GetProperty("value").EnumerateArray()
            .Select(row => (Name: row.GetProperty("Name").GetString(), Matched: string.Join(",", row.GetProperty("MatchedTags").EnumerateArray().Select(tag => tag.GetString()))))
            .ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(rows, Is.EqualTo(new[] { ("Chest X-ray", "cough,fever"), ("Urine analysis", "fever") }));
            Assert.That(_statements.WithValues.SelectMany(statement => statement.Values).OfType<string[]>(), Is.Empty, "no look-up of the names");
        }
    }

    [Test]
    public async Task Recommend_refuses_the_old_name_of_a_renamed_tag()
    {
        await WaitUntilTheTagsAreKnown(_service);
        using var before = await _editor.GetAsync("/odata/DiagnosticTests/Recommend(tags=@t)?@t=[\"fever\"]");
        var feverId = await Scalar<int>("""SELECT "Id" FROM "Tags" WHERE "Name" = 'fever'""");

        using var renamed = await PatchJson(_editor, $"/odata/Tags({feverId})", new { Name = "pyrexia" });
        await WaitUntilTheTagsAreKnown(_service);
        using var after = await _editor.GetAsync("/odata/DiagnosticTests/Recommend(tags=@t)?@t=[\"fever\"]");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await after.Content.ReadAsStringAsync(), Does.Contain("'fever'"));
        }
    }

    [Test]
    public async Task Once_the_tags_are_known_expanded_tags_come_from_memory_exactly_as_the_database_has_them()
    {
        var feverId = await Scalar<int>("""SELECT "Id" FROM "Tags" WHERE "Name" = 'fever'""");
        using var described = await PatchJson(_editor, $"/odata/Tags({feverId})", new { Category = "Symptom", Description = "A raised temperature." });
        await Create("Genetic screening");
        var chestXrayId = await Scalar<int>("""SELECT "Id" FROM "DiagnosticTests" WHERE "Name" = 'Chest X-ray'""");
        await WaitUntilTheTagsAreKnown(_service);
        // The harness's own service has caching off: its expansions join Tags.
        using var reference = await SignedInAs("Reader");
        string[] urls =
        [
            "/odata/DiagnosticTests?$expand=Tags&$orderby=Name&$top=10",
            FeverSearch,
            $"/odata/DiagnosticTests({chestXrayId})?$expand=Tags",
            "/odata/DiagnosticTests?$filter=Name eq 'Genetic screening'&$expand=Tags",
        ];

        _statements.Clear();
        foreach (var url in urls)
        {
            var expected = await reference.GetStringAsync(url);
            // The second read reuses what the first bound.
            var (first, second) = (await _editor.GetStringAsync(url), await _editor.GetStringAsync(url));
            using (Assert.EnterMultipleScope())
            {
                Assert.That(first, Is.EqualTo(expected), url);
                Assert.That(second, Is.EqualTo(expected), url);
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(described.IsSuccessStatusCode, Is.True, $"describing fever: {described.StatusCode}");
            Assert.That(_statements.All, Has.Some.Contains("\"DiagnosticTestTags\""), "the links are read");
            Assert.That(_statements.All, Has.None.Contains("\"Tags\""), "no tag is read from Tags");
        }
    }

    [Test]
    public async Task Expanded_tags_follow_a_change_to_a_tag_through_the_service_or_in_PostgreSQL()
    {
        var feverId = await Scalar<int>("""SELECT "Id" FROM "Tags" WHERE "Name" = 'fever'""");
        await WaitUntilTheTagsAreKnown(_service);
        var before = await FeverDescriptionsAt(FeverSearch);

        using var described = await PatchJson(_editor, $"/odata/Tags({feverId})", new { Description = "A raised temperature." });
        var afterPatch = await FeverDescriptionsAt(FeverSearch);
        await WaitUntilTheTagsAreKnown(_service);
        var afterReload = await FeverDescriptionsAt(FeverSearch);
        // As another replica would: a committed write that this process did not make.
        await ExecuteSql("""UPDATE "Tags" SET "Description" = 'Temperature above 38 °C.' WHERE "Name" = 'fever'""");
        var afterSql = await Poll(() => FeverDescriptionsAt(FeverSearch), descriptions => descriptions.All(d => d == "Temperature above 38 °C."));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(described.IsSuccessStatusCode, Is.True, $"describing fever: {described.StatusCode}");
            Assert.That(before, Is.EqualTo(new string?[] { null, null }));
            Assert.That(afterPatch, Is.EqualTo(new[] { "A raised temperature.", "A raised temperature." }));
            Assert.That(afterReload, Is.EqualTo(afterPatch));
            Assert.That(afterSql, Is.EqualTo(new[] { "Temperature above 38 °C.", "Temperature above 38 °C." }));
        }
    }

    [Test]
    public async Task A_linked_tag_missing_from_the_snapshot_is_read_from_the_database()
    {
        // A tag created and linked between a binding's check and its read: the snapshot it holds lacks it.
        await using var scope = _service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var expansion = new SnapshotTagExpansion(new TagSnapshot(0, new Dictionary<string, KnownTag>()), db.Model.FindEntityType(typeof(DiagnosticTestTag))!);
        var rows = expansion.Join(db.DiagnosticTests.Where(test => test.Name == "Chest X-ray").OrderBy(test => test.Id));

        var tests = new List<DiagnosticTest>();
        await foreach (var test in expansion.ReadAsync(db, JoinedStatement.Of(rows, db)))
        {
            tests.Add((DiagnosticTest)test);
        }

        Assert.That(tests.Select(test => (test.Name, string.Join(",", test.Tags.Select(tag => tag.Name)))), Is.EqualTo(new[] { ("Chest X-ray", "fever,cough") }));
    }

    private async Task Create(string name, params string[] tags)
    {
        using var created = await PostJson(_editor, "/odata/DiagnosticTests", new { Name = name, Category = "Laboratory", Tags = tags.Select(tag => new { Name = tag }) });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"creating {name}");
    }

    // The description of the tag fever in each test of the page at url, in the page's order.
    private async Task<List<string?>> FeverDescriptionsAt(string url)
    {
        using var response = await _editor.GetAsync(url);
        return [.. (await ReadJson(response)).GetProperty("value").EnumerateArray()
            .SelectMany(test => test.GetProperty("Tags").EnumerateArray())
            .Where(tag => tag.GetProperty("Name").GetString() == "fever")
            .Select(tag => tag.GetProperty("Description").GetString())];
    }
}
