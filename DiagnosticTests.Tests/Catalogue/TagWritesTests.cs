using System.Net;
using System.Text.Json;

namespace DiagnosticTests.Tests.Catalogue;

/// <summary>Creating, changing, replacing and deleting tags as an Editor.</summary>
public sealed class TagWritesTests : CatalogueTestBase
{
    [Test]
    public async Task Creating_a_tag_answers_201_with_the_tag()
    {
        using var editor = await SignedInAs("Editor");

        using var response = await PostJson(editor, "/odata/Tags", new { Name = "smoker", Category = "RiskFactor", Description = "Smokes tobacco" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var created = await ReadJson(response);
        var id = created.GetProperty("Id").GetInt32();
        var stored = await Scalar<string>("""SELECT "Name" || '/' || "Category" FROM "Tags" WHERE "Id" = @id""", ("id", id));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.GetProperty("Name").GetString(), Is.EqualTo("smoker"));
            Assert.That(created.GetProperty("Category").GetString(), Is.EqualTo("RiskFactor"));
            Assert.That(created.GetProperty("Description").GetString(), Is.EqualTo("Smokes tobacco"));
            Assert.That(stored, Is.EqualTo("smoker/RiskFactor"));
        }
    }

    [TestCase("  chest pain  ", "chest pain")]
    [TestCase("chest    pain", "chest pain")]
    [TestCase("\tnight \t sweats\n", "night sweats")]
    public async Task Creating_a_tag_trims_its_name_and_collapses_inner_whitespace(string sent, string stored)
    {
        using var editor = await SignedInAs("Editor");

        using var response = await PostJson(editor, "/odata/Tags", new { Name = sent, Category = "Symptom" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var created = await ReadJson(response);
        var tags = await GetJson(editor, "/odata/Tags");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.GetProperty("Name").GetString(), Is.EqualTo(stored));
            Assert.That(Values(tags, "Name"), Is.EqualTo(new[] { stored }));
        }
    }

    [Test]
    public async Task Creating_a_tag_without_a_Category_files_it_under_Other()
    {
        using var editor = await SignedInAs("Editor");

        using var response = await PostJson(editor, "/odata/Tags", new { Name = "fever" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var id = (await ReadJson(response)).GetProperty("Id").GetInt32();
        var tag = await GetJson(editor, $"/odata/Tags({id})");
        Assert.That(tag.GetProperty("Category").GetString(), Is.EqualTo("Other"));
    }

    [TestCase("FEVER")]
    [TestCase("Fever")]
    [TestCase("  fever ")]
    public async Task Creating_a_tag_named_like_an_existing_one_answers_409_and_keeps_one_row(string name)
    {
        await SeedTag("fever");
        using var editor = await SignedInAs("Editor");

        using var response = await PostJson(editor, "/odata/Tags", new { Name = name, Category = "Symptom" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await response.Content.ReadAsStringAsync());
        var error = await ErrorOf(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Mentions(error), Does.Contain("Name"));
            Assert.That(await CountTags(), Is.EqualTo(1));
        }
    }

    [TestCase("Sign")]
    [TestCase("")]
    public async Task Creating_a_tag_with_an_unknown_Category_answers_400_naming_Category(string category)
    {
        using var editor = await SignedInAs("Editor");

        using var response = await PostJson(editor, "/odata/Tags", new { Name = "fever", Category = category });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        var error = await ErrorOf(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("Category"));
            Assert.That(await CountTags(), Is.Zero);
        }
    }

    [Test]
    public async Task Patching_a_tag_changes_only_the_properties_sent()
    {
        var fever = await SeedTag("fever", category: "Symptom", description: "Raised temperature");
        using var editor = await SignedInAs("Editor");

        using var response = await PatchJson(editor, $"/odata/Tags({fever})", new { Description = "Temperature above 38 °C" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        var tag = await GetJson(editor, $"/odata/Tags({fever})");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(tag.GetProperty("Description").GetString(), Is.EqualTo("Temperature above 38 °C"));
            Assert.That(tag.GetProperty("Name").GetString(), Is.EqualTo("fever"));
            Assert.That(tag.GetProperty("Category").GetString(), Is.EqualTo("Symptom"));
        }
    }

    [Test]
    public async Task Patching_a_tag_name_normalises_it_and_keeps_its_tests()
    {
        var cbc = await SeedTest("Complete blood count");
        var fever = await SeedTag("fever");
        await Link(cbc, fever);
        using var editor = await SignedInAs("Editor");

        using var response = await PatchJson(editor, $"/odata/Tags({fever})", new { Name = "  high   fever " });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        Assert.That(await TagNamesOf(editor, cbc), Is.EqualTo(new[] { "high fever" }));
    }

    [Test]
    public async Task Renaming_a_tag_onto_an_existing_name_answers_409_and_keeps_its_name()
    {
        await SeedTag("fever");
        var cough = await SeedTag("cough");
        using var editor = await SignedInAs("Editor");

        using var response = await PatchJson(editor, $"/odata/Tags({cough})", new { Name = "Fever" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await response.Content.ReadAsStringAsync());
        var name = await Scalar<string>("""SELECT "Name" FROM "Tags" WHERE "Id" = @id""", ("id", cough));
        Assert.That(name, Is.EqualTo("cough"));
    }

    [Test]
    public async Task Putting_a_tag_replaces_it_and_unsent_properties_take_their_defaults()
    {
        var fever = await SeedTag("fever", category: "Symptom", description: "Raised temperature");
        using var editor = await SignedInAs("Editor");

        using var response = await PutJson(editor, $"/odata/Tags({fever})", new { Name = "pyrexia" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        var tag = await GetJson(editor, $"/odata/Tags({fever})");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(tag.GetProperty("Name").GetString(), Is.EqualTo("pyrexia"));
            Assert.That(tag.GetProperty("Category").GetString(), Is.EqualTo("Other"));
            Assert.That(tag.GetProperty("Description").ValueKind, Is.EqualTo(JsonValueKind.Null));
        }
    }

    [Test]
    public async Task Deleting_a_tag_answers_204_and_its_tests_stay_without_it()
    {
        var cbc = await SeedTest("Complete blood count");
        var chestXray = await SeedTest("Chest X-ray", category: "Imaging");
        var fever = await SeedTag("fever");
        var cough = await SeedTag("cough");
        await Link(cbc, fever);
        await Link(chestXray, fever, cough);
        using var editor = await SignedInAs("Editor");

        using var response = await editor.DeleteAsync($"/odata/Tags({fever})");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var read = await editor.GetAsync($"/odata/Tags({fever})");
        var tests = await GetJson(editor, "/odata/DiagnosticTests");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(Values(tests, "Name"), Is.EqualTo(new[] { "Complete blood count", "Chest X-ray" }));
            Assert.That(await TagNamesOf(editor, cbc), Is.Empty);
            Assert.That(await TagNamesOf(editor, chestXray), Is.EqualTo(new[] { "cough" }));
        }
    }

    [TestCase("PATCH", """{"Description": "Raised temperature"}""")]
    [TestCase("PUT", """{"Name": "fever"}""")]
    [TestCase("DELETE", null)]
    public async Task Writing_a_missing_tag_answers_404_and_creates_nothing(string method, string? body)
    {
        await SeedTag("cough");
        using var editor = await SignedInAs("Editor");

        using var response = body is null
            ? await editor.DeleteAsync("/odata/Tags(999)")
            : await SendJson(editor, new HttpMethod(method), "/odata/Tags(999)", body);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await CountTags(), Is.EqualTo(1));
        }
    }
}
