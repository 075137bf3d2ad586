using System.Net;

namespace DiagnosticTests.Tests.Catalogue;

/// <summary>
/// Which tags a diagnostic test carries: tags sent with a create (by name or by @odata.bind), a PATCH that
/// replaces the set, and the $ref links that add or remove one tag.
/// </summary>
public sealed class TagLinkTests : CatalogueTestBase
{
    [Test]
    public async Task Creating_a_test_with_new_tags_creates_them_with_their_categories()
    {
        using var editor = await SignedInAs("Editor");

        using var response = await SendJson(editor, HttpMethod.Post, "/odata/DiagnosticTests", """
            {"Name": "Chest X-ray", "Category": "Imaging",
             "Tags": [{"Name": "fever"}, {"Name": "cough", "Category": "Symptom"}]}
            """);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var id = (await ReadJson(response)).GetProperty("Id").GetInt32();
        var tags = await GetJson(editor, "/odata/Tags?$orderby=Name");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await TagNamesOf(editor, id), Is.EqualTo(new[] { "cough", "fever" }));
            Assert.That(Values(tags, "Name"), Is.EqualTo(new[] { "cough", "fever" }));
            Assert.That(Values(tags, "Category"), Is.EqualTo(new[] { "Symptom", "Other" }));
        }
    }

    [TestCase(" FEVER ")]
    [TestCase("Fever")]
    [TestCase("fever")]
    public async Task Creating_a_test_with_an_existing_tag_name_reuses_that_tag(string sentName)
    {
        var fever = await SeedTag("fever");
        using var editor = await SignedInAs("Editor");

        using var response = await PostJson(editor, "/odata/DiagnosticTests", new
        {
            Name = "Complete blood count",
            Category = "Laboratory",
            Tags = new[] { new { Name = sentName } },
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var id = (await ReadJson(response)).GetProperty("Id").GetInt32();
        var linkedTag = await Scalar<int>("""SELECT "TagId" FROM "DiagnosticTestTags" WHERE "DiagnosticTestId" = @id""", ("id", id));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await CountTags(), Is.EqualTo(1));
            Assert.That(linkedTag, Is.EqualTo(fever));
            Assert.That(await TagNamesOf(editor, id), Is.EqualTo(new[] { "fever" }));
        }
    }

    [Test]
    public async Task Creating_a_test_with_Tags_odata_bind_links_an_existing_tag()
    {
        await SeedTag("fever");
        var cough = await SeedTag("cough");
        using var editor = await SignedInAs("Editor");

        using var response = await SendJson(editor, HttpMethod.Post, "/odata/DiagnosticTests", $$"""
            {"Name": "Chest X-ray", "Category": "Imaging", "Tags@odata.bind": ["Tags({{cough}})"]}
            """);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var id = (await ReadJson(response)).GetProperty("Id").GetInt32();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await TagNamesOf(editor, id), Is.EqualTo(new[] { "cough" }));
            Assert.That(await CountTags(), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Creating_a_test_bound_to_an_unknown_tag_answers_400_and_writes_nothing()
    {
        await SeedTag("fever");
        using var editor = await SignedInAs("Editor");

        using var response = await SendJson(editor, HttpMethod.Post, "/odata/DiagnosticTests", """
            {"Name": "Chest X-ray", "Category": "Imaging", "Tags@odata.bind": ["Tags(999)"]}
            """);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await CountTests(), Is.Zero);
            Assert.That(await CountTags(), Is.EqualTo(1));
            Assert.That(await CountLinks(), Is.Zero);
        }
    }

    [Test]
    public async Task Patching_Tags_replaces_the_whole_set_and_creates_missing_tags()
    {
        var chestXray = await SeedTest("Chest X-ray", category: "Imaging");
        var fever = await SeedTag("fever");
        var cough = await SeedTag("cough");
        await Link(chestXray, fever, cough);
        using var editor = await SignedInAs("Editor");

        using var response = await SendJson(editor, HttpMethod.Patch, $"/odata/DiagnosticTests({chestXray})", """
            {"Tags": [{"Name": "Fever"}, {"Name": "night sweats", "Category": "Symptom"}]}
            """);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        var nightSweats = await Scalar<string>("""SELECT "Category" FROM "Tags" WHERE "Name" = 'night sweats'""");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await TagNamesOf(editor, chestXray), Is.EqualTo(new[] { "fever", "night sweats" }));
            Assert.That(nightSweats, Is.EqualTo("Symptom"));
            Assert.That(await CountTags(), Is.EqualTo(3));
        }
    }

    [Test]
    public async Task Patching_Tags_to_an_empty_list_clears_them_and_keeps_the_tags()
    {
        var chestXray = await SeedTest("Chest X-ray", category: "Imaging");
        var fever = await SeedTag("fever");
        var cough = await SeedTag("cough");
        await Link(chestXray, fever, cough);
        using var editor = await SignedInAs("Editor");

        using var response = await SendJson(editor, HttpMethod.Patch, $"/odata/DiagnosticTests({chestXray})", """{"Tags": []}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await TagNamesOf(editor, chestXray), Is.Empty);
            Assert.That(await CountTags(), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Patching_without_Tags_leaves_the_tags_as_they_were()
    {
        var chestXray = await SeedTest("Chest X-ray", category: "Imaging");
        var fever = await SeedTag("fever");
        var cough = await SeedTag("cough");
        await Link(chestXray, fever, cough);
        using var editor = await SignedInAs("Editor");

        using var response = await PatchJson(editor, $"/odata/DiagnosticTests({chestXray})", new { Description = "Two views" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        Assert.That(await TagNamesOf(editor, chestXray), Is.EqualTo(new[] { "cough", "fever" }));
    }

    [Test]
    public async Task Posting_a_Tags_ref_adds_the_tag_to_the_test()
    {
        var chestXray = await SeedTest("Chest X-ray", category: "Imaging");
        var fever = await SeedTag("fever");
        var cough = await SeedTag("cough");
        await Link(chestXray, fever);
        using var editor = await SignedInAs("Editor");

        using var response = await SendJson(editor, HttpMethod.Post, $"/odata/DiagnosticTests({chestXray})/Tags/$ref", $$"""
            {"@odata.id": "http://localhost/odata/Tags({{cough}})"}
            """);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        Assert.That(await TagNamesOf(editor, chestXray), Is.EqualTo(new[] { "cough", "fever" }));
    }

    [Test]
    public async Task Posting_the_same_Tags_ref_twice_keeps_one_link()
    {
        var chestXray = await SeedTest("Chest X-ray", category: "Imaging");
        var cough = await SeedTag("cough");
        using var editor = await SignedInAs("Editor");
        var url = $"/odata/DiagnosticTests({chestXray})/Tags/$ref";
        var body = $$"""{"@odata.id": "http://localhost/odata/Tags({{cough}})"}""";

        using var first = await SendJson(editor, HttpMethod.Post, url, body);
        using var second = await SendJson(editor, HttpMethod.Post, url, body);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(await CountLinks(), Is.EqualTo(1));
            Assert.That(await TagNamesOf(editor, chestXray), Is.EqualTo(new[] { "cough" }));
        }
    }

    [Test]
    public async Task Deleting_a_Tags_ref_removes_the_tag_from_the_test_and_keeps_the_tag()
    {
        var chestXray = await SeedTest("Chest X-ray", category: "Imaging");
        var fever = await SeedTag("fever");
        var cough = await SeedTag("cough");
        await Link(chestXray, fever, cough);
        using var editor = await SignedInAs("Editor");

        using var response = await editor.DeleteAsync($"/odata/DiagnosticTests({chestXray})/Tags({cough})/$ref");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        var tag = await GetJson(editor, $"/odata/Tags({cough})");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await TagNamesOf(editor, chestXray), Is.EqualTo(new[] { "fever" }));
            Assert.That(tag.GetProperty("Name").GetString(), Is.EqualTo("cough"));
        }
    }

    [TestCase("POST")]
    [TestCase("DELETE")]
    public async Task A_Tags_ref_to_a_missing_tag_answers_404_and_changes_nothing(string method)
    {
        var chestXray = await SeedTest("Chest X-ray", category: "Imaging");
        var fever = await SeedTag("fever");
        await Link(chestXray, fever);
        using var editor = await SignedInAs("Editor");

        using var response = method == "POST"
            ? await SendJson(editor, HttpMethod.Post, $"/odata/DiagnosticTests({chestXray})/Tags/$ref", """{"@odata.id": "http://localhost/odata/Tags(999)"}""")
            : await editor.DeleteAsync($"/odata/DiagnosticTests({chestXray})/Tags(999)/$ref");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await TagNamesOf(editor, chestXray), Is.EqualTo(new[] { "fever" }));
            Assert.That(await CountTags(), Is.EqualTo(1));
        }
    }
}
