using System.Net;
using System.Text.Json;

namespace DiagnosticTests.Tests.Catalogue;

/// <summary>Creating, changing, replacing and deleting diagnostic tests as an Editor (tags have fixtures of their own).</summary>
public sealed class DiagnosticTestWritesTests : CatalogueTestBase
{
    private static readonly TimeSpan Moment = TimeSpan.FromMinutes(1);

    [Test]
    public async Task Creating_a_test_answers_201_with_the_entity_and_its_server_set_fields()
    {
        using var editor = await SignedInAs("Editor");

        using var response = await PostJson(editor, "/odata/DiagnosticTests", new
        {
            Name = "Ferritin",
            Code = "2276-4",
            Category = "Laboratory",
            Specimen = "Blood",
            Price = 12.50m,
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var created = await ReadJson(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.GetProperty("Id").GetInt32(), Is.Positive);
            Assert.That(created.GetProperty("Name").GetString(), Is.EqualTo("Ferritin"));
            Assert.That(created.GetProperty("Code").GetString(), Is.EqualTo("2276-4"));
            Assert.That(created.GetProperty("Specimen").GetString(), Is.EqualTo("Blood"));
            Assert.That(created.GetProperty("Price").GetDecimal(), Is.EqualTo(12.50m));
            Assert.That(created.GetProperty("ApplicableSex").GetString(), Is.EqualTo("Any"));
            Assert.That(created.GetProperty("CreatedAt").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(Moment));
            Assert.That(created.GetProperty("UpdatedAt").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(Moment));
        }

        var stored = await Scalar<string>("""SELECT "Code" FROM "DiagnosticTests" WHERE "Id" = @id""", ("id", created.GetProperty("Id").GetInt32()));
        Assert.That(stored, Is.EqualTo("2276-4"));
    }

    [Test]
    public async Task Creating_a_test_answers_with_a_Location_header_that_reads_the_new_test()
    {
        using var editor = await SignedInAs("Editor");

        using var response = await PostJson(editor, "/odata/DiagnosticTests", new { Name = "Ferritin", Category = "Laboratory" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var id = (await ReadJson(response)).GetProperty("Id").GetInt32();
        var location = response.Headers.Location;
        Assert.That(location?.ToString(), Does.EndWith($"DiagnosticTests({id})"));
        var read = await GetJson(editor, location!.PathAndQuery);
        Assert.That(read.GetProperty("Name").GetString(), Is.EqualTo("Ferritin"));
    }

    [Test]
    public async Task Creating_a_test_ignores_the_Id_and_CreatedAt_a_client_sends()
    {
        var cbc = await SeedTest("Complete blood count");
        using var editor = await SignedInAs("Editor");

        using var response = await PostJson(editor, "/odata/DiagnosticTests", new
        {
            Id = cbc,
            Name = "Ferritin",
            Category = "Laboratory",
            CreatedAt = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero),
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var created = await ReadJson(response);
        var cbcName = await Scalar<string>("""SELECT "Name" FROM "DiagnosticTests" WHERE "Id" = @id""", ("id", cbc));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.GetProperty("Id").GetInt32(), Is.Not.EqualTo(cbc));
            Assert.That(created.GetProperty("CreatedAt").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(Moment));
            Assert.That(cbcName, Is.EqualTo("Complete blood count"));
            Assert.That(await CountTests(), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Patching_a_test_changes_only_the_properties_sent()
    {
        var ferritin = await SeedTest(
            "Ferritin", code: "2276-4", description: "Iron stores", specimen: "Blood", turnaroundHours: 24, price: 12.50m);
        using var editor = await SignedInAs("Editor");

        using var response = await PatchJson(editor, $"/odata/DiagnosticTests({ferritin})", new { Price = 15.00m, TurnaroundHours = 48 });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        var test = await GetJson(editor, $"/odata/DiagnosticTests({ferritin})");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(test.GetProperty("Price").GetDecimal(), Is.EqualTo(15.00m));
            Assert.That(test.GetProperty("TurnaroundHours").GetInt32(), Is.EqualTo(48));
            Assert.That(test.GetProperty("Name").GetString(), Is.EqualTo("Ferritin"));
            Assert.That(test.GetProperty("Code").GetString(), Is.EqualTo("2276-4"));
            Assert.That(test.GetProperty("Category").GetString(), Is.EqualTo("Laboratory"));
            Assert.That(test.GetProperty("Description").GetString(), Is.EqualTo("Iron stores"));
            Assert.That(test.GetProperty("Specimen").GetString(), Is.EqualTo("Blood"));
        }
    }

    [Test]
    public async Task Patching_a_test_advances_UpdatedAt_and_keeps_CreatedAt()
    {
        var ferritin = await SeedTest("Ferritin");
        using var editor = await SignedInAs("Editor");

        using var response = await PatchJson(editor, $"/odata/DiagnosticTests({ferritin})", new { Description = "Iron stores" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        var test = await GetJson(editor, $"/odata/DiagnosticTests({ferritin})");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(test.GetProperty("CreatedAt").GetDateTimeOffset(), Is.EqualTo(SeededAt));
            Assert.That(test.GetProperty("UpdatedAt").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(Moment));
        }
    }

    [Test]
    public async Task Patching_Description_to_null_clears_it()
    {
        var ferritin = await SeedTest("Ferritin", description: "Iron stores");
        using var editor = await SignedInAs("Editor");

        using var response = await SendJson(editor, HttpMethod.Patch, $"/odata/DiagnosticTests({ferritin})", """{"Description": null}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        var test = await GetJson(editor, $"/odata/DiagnosticTests({ferritin})");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(test.GetProperty("Description").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(test.GetProperty("Name").GetString(), Is.EqualTo("Ferritin"));
        }
    }

    [Test]
    public async Task Putting_a_test_replaces_it_and_unsent_nullable_properties_become_null()
    {
        var ferritin = await SeedTest(
            "Ferritin", code: "2276-4", description: "Iron stores", specimen: "Blood", turnaroundHours: 24, price: 12.50m);
        using var editor = await SignedInAs("Editor");

        using var response = await PutJson(editor, $"/odata/DiagnosticTests({ferritin})", new { Name = "Serum ferritin", Category = "Haematology" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        var test = await GetJson(editor, $"/odata/DiagnosticTests({ferritin})");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(test.GetProperty("Name").GetString(), Is.EqualTo("Serum ferritin"));
            Assert.That(test.GetProperty("Category").GetString(), Is.EqualTo("Haematology"));
            Assert.That(test.GetProperty("Code").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(test.GetProperty("Description").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(test.GetProperty("Specimen").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(test.GetProperty("TurnaroundHours").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(test.GetProperty("Price").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(test.GetProperty("ApplicableSex").GetString(), Is.EqualTo("Any"));
        }
    }

    [Test]
    public async Task Putting_a_test_keeps_CreatedAt_and_advances_UpdatedAt()
    {
        var ferritin = await SeedTest("Ferritin");
        using var editor = await SignedInAs("Editor");

        using var response = await PutJson(editor, $"/odata/DiagnosticTests({ferritin})", new { Name = "Serum ferritin", Category = "Laboratory" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        var test = await GetJson(editor, $"/odata/DiagnosticTests({ferritin})");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(test.GetProperty("CreatedAt").GetDateTimeOffset(), Is.EqualTo(SeededAt));
            Assert.That(test.GetProperty("UpdatedAt").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(Moment));
        }
    }

    [TestCase("PATCH")]
    [TestCase("PUT")]
    public async Task Changing_a_missing_test_answers_404_and_creates_nothing(string method)
    {
        await SeedTest("Complete blood count");
        using var editor = await SignedInAs("Editor");

        using var response = await SendJson(
            editor, new HttpMethod(method), "/odata/DiagnosticTests(999)", """{"Name": "Ferritin", "Category": "Laboratory"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await ErrorOf(response)).GetProperty("message").GetString(), Is.Not.Empty);
            Assert.That(await CountTests(), Is.EqualTo(1));
        }
    }

    [TestCase("PATCH", """{"Id": 777}""")]
    [TestCase("PUT", """{"Id": 777, "Name": "Ferritin", "Category": "Laboratory"}""")]
    public async Task Changing_the_Id_of_a_test_answers_400_and_leaves_it_as_it_was(string method, string body)
    {
        var ferritin = await SeedTest("Ferritin", description: "Iron stores");
        using var editor = await SignedInAs("Editor");

        using var response = await SendJson(editor, new HttpMethod(method), $"/odata/DiagnosticTests({ferritin})", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var error = await ErrorOf(response);
        var ids = await Scalar<string>("""SELECT string_agg("Id"::text, ',') FROM "DiagnosticTests" """);
        var description = await Scalar<string>("""SELECT "Description" FROM "DiagnosticTests" WHERE "Id" = @id""", ("id", ferritin));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Mentions(error), Does.Contain("Id"));
            Assert.That(ids, Is.EqualTo($"{ferritin}"));
            Assert.That(description, Is.EqualTo("Iron stores"));
        }
    }

    [Test]
    public async Task Deleting_a_test_answers_204_and_then_reading_it_answers_404()
    {
        await SeedTest("Complete blood count");
        var ferritin = await SeedTest("Ferritin");
        using var editor = await SignedInAs("Editor");

        using var response = await editor.DeleteAsync($"/odata/DiagnosticTests({ferritin})");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var read = await editor.GetAsync($"/odata/DiagnosticTests({ferritin})");
        var remaining = await GetJson(editor, "/odata/DiagnosticTests");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(Values(remaining, "Name"), Is.EqualTo(new[] { "Complete blood count" }));
        }
    }

    [Test]
    public async Task Deleting_a_test_removes_its_tag_links_but_keeps_the_tags()
    {
        var cbc = await SeedTest("Complete blood count");
        var chestXray = await SeedTest("Chest X-ray", category: "Imaging");
        var fever = await SeedTag("fever");
        var cough = await SeedTag("cough");
        await Link(chestXray, fever, cough);
        await Link(cbc, fever);
        using var editor = await SignedInAs("Editor");

        using var response = await editor.DeleteAsync($"/odata/DiagnosticTests({chestXray})");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var linksOfDeleted = await Scalar<long>(
            """SELECT count(*) FROM "DiagnosticTestTags" WHERE "DiagnosticTestId" = @id""", ("id", chestXray));
        var tags = await GetJson(editor, "/odata/Tags");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(linksOfDeleted, Is.Zero);
            Assert.That(Values(tags, "Name"), Is.EqualTo(new[] { "fever", "cough" }));
            Assert.That(await TagNamesOf(editor, cbc), Is.EqualTo(new[] { "fever" }));
        }
    }

    [Test]
    public async Task Deleting_a_missing_test_answers_404()
    {
        await SeedTest("Complete blood count");
        using var editor = await SignedInAs("Editor");

        using var response = await editor.DeleteAsync("/odata/DiagnosticTests(999)");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await CountTests(), Is.EqualTo(1));
        }
    }

    [TestCase("FERRITIN")]
    [TestCase("ferritin")]
    public async Task Creating_a_test_named_like_an_existing_one_answers_409_naming_Name(string name)
    {
        await SeedTest("Ferritin");
        using var editor = await SignedInAs("Editor");

        using var response = await PostJson(editor, "/odata/DiagnosticTests", new { Name = name, Category = "Laboratory" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await response.Content.ReadAsStringAsync());
        var error = await ErrorOf(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Mentions(error), Does.Contain("Name"));
            Assert.That(await CountTests(), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Renaming_a_test_onto_an_existing_name_answers_409_and_keeps_its_name()
    {
        await SeedTest("Ferritin");
        var chestXray = await SeedTest("Chest X-ray", category: "Imaging");
        using var editor = await SignedInAs("Editor");

        using var response = await PatchJson(editor, $"/odata/DiagnosticTests({chestXray})", new { Name = "ferritin" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await response.Content.ReadAsStringAsync());
        var error = await ErrorOf(response);
        var name = await Scalar<string>("""SELECT "Name" FROM "DiagnosticTests" WHERE "Id" = @id""", ("id", chestXray));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Mentions(error), Does.Contain("Name"));
            Assert.That(name, Is.EqualTo("Chest X-ray"));
        }
    }
}
