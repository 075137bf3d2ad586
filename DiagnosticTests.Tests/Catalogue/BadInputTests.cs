using System.Net;

namespace DiagnosticTests.Tests.Catalogue;

/// <summary>
/// Bodies the service must refuse: 400 with an OData error that names the field where there is one,
/// no stack trace or inner error, and not a single row written.
/// </summary>
public sealed class BadInputTests : CatalogueTestBase
{
    [TestCase("""{"Name": "Ferritin", "Category": "Laboratory" """, null, TestName = "{m}(Malformed JSON)")]
    [TestCase("", null, TestName = "{m}(An empty body)")]
    [TestCase("""{"Name": "Ferritin", "Category": "Laboratory", "TurnaroundHours": "abc"}""", null, TestName = "{m}(A string for TurnaroundHours)")]
    [TestCase("""{"Name": "Ferritin", "Category": "Laboratory", "Bogus": 1}""", "Bogus", TestName = "{m}(An unknown property)")]
    [TestCase("""{"Category": "Laboratory"}""", "Name", TestName = "{m}(A missing Name)")]
    [TestCase("""{"Name": "   ", "Category": "Laboratory"}""", "Name", TestName = "{m}(A blank Name)")]
    [TestCase("""{"Name": "Ferritin"}""", "Category", TestName = "{m}(A missing Category)")]
    [TestCase("""{"Name": "Ferritin", "Category": "Laboratory", "ApplicableSex": "Unknown"}""", "ApplicableSex", TestName = "{m}(ApplicableSex Unknown)")]
    [TestCase("""{"Name": "Ferritin", "Category": "Laboratory", "MinAgeYears": 65, "MaxAgeYears": 18}""", "MinAgeYears", TestName = "{m}(MinAgeYears above MaxAgeYears)")]
    [TestCase("""{"Name": "Ferritin", "Category": "Laboratory", "Price": -0.01}""", "Price", TestName = "{m}(A negative Price)")]
    public async Task Creating_a_test_from_a_bad_body_answers_400_and_writes_nothing(string body, string? namedField)
    {
        using var editor = await SignedInAs("Editor");

        using var response = await SendJson(editor, HttpMethod.Post, "/odata/DiagnosticTests", body);

        await AssertRefused(response, namedField);
    }

    [TestCase("Name", 151)]
    [TestCase("Code", 33)]
    [TestCase("Category", 51)]
    [TestCase("Specimen", 201)]
    [TestCase("Preparation", 501)]
    public async Task Creating_a_test_with_a_value_over_its_maximum_length_answers_400_naming_it(string property, int length)
    {
        using var editor = await SignedInAs("Editor");
        var body = new Dictionary<string, object> { ["Name"] = "Ferritin", ["Category"] = "Laboratory", [property] = new string('x', length) };

        using var response = await PostJson(editor, "/odata/DiagnosticTests", body);

        await AssertRefused(response, property);
    }

    [Test]
    public async Task A_test_with_every_value_at_its_maximum_length_is_created()
    {
        using var editor = await SignedInAs("Editor");

        using var response = await PostJson(editor, "/odata/DiagnosticTests", new
        {
            Name = new string('n', 150),
            Code = new string('c', 32),
            Category = new string('k', 50),
            Specimen = new string('s', 200),
            Preparation = new string('p', 500),
            Price = 0m,
            MinAgeYears = 18,
            MaxAgeYears = 18,
            Tags = new[] { new { Name = new string('t', 100) } },
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await CountTests(), Is.EqualTo(1));
            Assert.That(await CountTags(), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task An_outsized_Price_is_stored_exactly_or_refused_with_400_naming_Price()
    {
        using var editor = await SignedInAs("Editor");

        using var response = await SendJson(editor, HttpMethod.Post, "/odata/DiagnosticTests", """
            {"Name": "Whole-genome sequencing", "Category": "Genetics", "Price": 100000000000000000000}
            """);

        // The contract sets no upper bound, so storing the price exactly would do too; a 500 would not.
        if (response.StatusCode == HttpStatusCode.Created)
        {
            var stored = await Scalar<decimal>("""SELECT "Price" FROM "DiagnosticTests" """);
            Assert.That(stored, Is.EqualTo(100000000000000000000m));
            return;
        }

        await AssertRefused(response, "Price");
    }

    [Test]
    public async Task A_tag_name_over_100_characters_in_a_deep_insert_refuses_the_whole_test()
    {
        using var editor = await SignedInAs("Editor");

        using var response = await PostJson(editor, "/odata/DiagnosticTests", new
        {
            Name = "Chest X-ray",
            Category = "Imaging",
            Tags = new[] { new { Name = "fever" }, new { Name = new string('x', 101) } },
        });

        await AssertRefused(response, namedField: null);
    }

    [TestCase("""{"Price": -1}""", "Price", TestName = "{m}(PATCH with a negative Price)")]
    [TestCase("""{"ApplicableSex": "Unknown"}""", "ApplicableSex", TestName = "{m}(PATCH with ApplicableSex Unknown)")]
    [TestCase("""{"MinAgeYears": 90}""", "MinAgeYears", TestName = "{m}(PATCH with MinAgeYears above the stored MaxAgeYears)")]
    [TestCase("""{"Bogus": 1}""", "Bogus", TestName = "{m}(PATCH with an unknown property)")]
    [TestCase("""{"TurnaroundHours": "abc"}""", null, TestName = "{m}(PATCH with a string for TurnaroundHours)")]
    [TestCase("""{"Name": null}""", "Name", TestName = "{m}(PATCH with a null Name)")]
    [TestCase("""{"Price": 15, """, null, TestName = "{m}(PATCH with malformed JSON)")]
    public async Task Patching_a_test_with_a_bad_body_answers_400_and_leaves_it_unchanged(string body, string? namedField)
    {
        var ferritin = await SeedTest("Ferritin", price: 12.50m);
        await ExecuteSql("""UPDATE "DiagnosticTests" SET "MinAgeYears" = 18, "MaxAgeYears" = 65 WHERE "Id" = @id""", ("id", ferritin));
        var before = await TestRow(ferritin);
        using var editor = await SignedInAs("Editor");

        using var response = await SendJson(editor, HttpMethod.Patch, $"/odata/DiagnosticTests({ferritin})", body);

        await AssertRefused(response, namedField);
        Assert.That(await TestRow(ferritin), Is.EqualTo(before));
    }

    [TestCase("""{"Category": "Symptom"}""", "Name", TestName = "{m}(A tag without a Name)")]
    [TestCase("""{"Name": "fever", "Category": "Sign"}""", "Category", TestName = "{m}(A tag with an unknown Category)")]
    [TestCase("""{"Name": "fever", "Bogus": 1}""", "Bogus", TestName = "{m}(A tag with an unknown property)")]
    [TestCase("""{"Name": "fever", """, null, TestName = "{m}(A tag from malformed JSON)")]
    public async Task Creating_a_tag_from_a_bad_body_answers_400_and_writes_nothing(string body, string? namedField)
    {
        using var editor = await SignedInAs("Editor");

        using var response = await SendJson(editor, HttpMethod.Post, "/odata/Tags", body);

        await AssertRefused(response, namedField);
    }

    [Test]
    public async Task Creating_a_tag_with_a_name_over_100_characters_answers_400_naming_Name()
    {
        using var editor = await SignedInAs("Editor");

        using var response = await PostJson(editor, "/odata/Tags", new { Name = new string('x', 101) });

        await AssertRefused(response, "Name");
    }

    /// <summary>400, an OData error naming <paramref name="namedField"/> (when given) without internals, and an empty catalogue.</summary>
    private static async Task AssertRefused(HttpResponseMessage response, string? namedField)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        var error = await ErrorOf(response);
        var testsWritten = await Scalar<long>("""SELECT count(*) FROM "DiagnosticTests" WHERE "CreatedAt" > @seededAt""", ("seededAt", SeededAt));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.GetProperty("message").GetString(), namedField is null ? Is.Not.Empty : Does.Contain(namedField));
            Assert.That(text, Does.Not.Contain("innererror").IgnoreCase.And.Not.Contain("StackTrace").IgnoreCase);
            Assert.That(testsWritten, Is.Zero, "tests created");
            Assert.That(await CountTags(), Is.Zero, "tags created");
            Assert.That(await CountLinks(), Is.Zero, "links created");
        }
    }

    private static async Task<string> TestRow(int id) =>
        await Scalar<string>(
            """
            SELECT concat_ws(',', "Name", "Category", "Price", "ApplicableSex", "MinAgeYears", "MaxAgeYears", "TurnaroundHours", "UpdatedAt")
            FROM "DiagnosticTests" WHERE "Id" = @id
            """,
            ("id", id)) ?? "";
}
