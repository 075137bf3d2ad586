using System.Net;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.Catalogue.ImportExport;

public sealed class HttpImportTests : ImportExportTestBase
{
    // One entry per line, so the line a rejection names is easy to check.
    private const string ThreeTests =
        """
        {
          "tags": [
            { "name": "Fever", "category": "Symptom", "description": "38 °C or above." },
            { "name": "cough", "category": "Symptom", "description": null }
          ],
          "diagnosticTests": [
            { "name": "Complete blood count", "code": "58410-2", "category": "Laboratory", "description": "Counts cells.", "specimen": "Blood", "preparation": null, "turnaroundHours": 4, "validityDays": 30, "price": null, "applicableSex": "Any", "minAgeYears": null, "maxAgeYears": null, "tags": ["fever", "fatigue"] },
            { "name": "Chest X-ray", "code": "36643-5", "category": "Imaging", "description": "Looks at the lungs.", "specimen": null, "preparation": null, "turnaroundHours": 2, "validityDays": 180, "price": 40.00, "applicableSex": "Any", "minAgeYears": null, "maxAgeYears": null, "tags": ["cough", "FEVER"] },
            { "name": "PSA", "code": "2857-1", "category": "Laboratory", "description": "Prostate marker.", "specimen": "Blood", "preparation": null, "turnaroundHours": 24, "validityDays": 365, "price": null, "applicableSex": "Male", "minAgeYears": 50, "maxAgeYears": 70, "tags": [] }
          ]
        }
        """;

    [Test]
    public async Task Importing_JSON_as_an_Editor_creates_the_tests_and_their_tags()
    {
        using var editor = await SignedInAs("Editor");

        using var response = await PostCatalogue(editor, ThreeTests);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyOf(response));
        var body = await ReadJson(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("created").GetInt32(), Is.EqualTo(3));
            Assert.That(body.GetProperty("updated").GetInt32(), Is.Zero);
            // Fever and cough are listed; fatigue is only named by a test.
            Assert.That(body.GetProperty("tagsCreated").GetInt32(), Is.EqualTo(3));
            Assert.That(await CountTests(), Is.EqualTo(3));
            Assert.That(await TagsOf("Chest X-ray"), Is.EqualTo("cough,Fever"));
            Assert.That(await TagCategory("fever"), Is.EqualTo("Symptom"));
            Assert.That(await TagCategory("fatigue"), Is.EqualTo("Other"));
            Assert.That(await TestField("PSA", "ApplicableSex"), Is.EqualTo("Male"));
        }
    }

    [Test]
    public async Task Importing_again_updates_the_changed_test_and_replaces_its_tags_without_duplicating_anything()
    {
        using var editor = await SignedInAs("Editor");
        using (var first = await PostCatalogue(editor, ThreeTests))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyOf(first));
        }

        var changed = ThreeTests
            .Replace("\"price\": 40.00", "\"price\": 45.50", StringComparison.Ordinal)
            .Replace("[\"cough\", \"FEVER\"]", "[\"cough\", \"wheezing\"]", StringComparison.Ordinal)
            .Replace("Complete blood count", "COMPLETE BLOOD COUNT", StringComparison.Ordinal);
        using var response = await PostCatalogue(editor, changed);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyOf(response));
        var body = await ReadJson(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("created").GetInt32(), Is.Zero);
            // The X-ray changed price and tags; the blood count only the case of its name (matched ignoring case).
            Assert.That(body.GetProperty("updated").GetInt32(), Is.EqualTo(2));
            Assert.That(body.GetProperty("unchanged").GetInt32(), Is.EqualTo(1));
            Assert.That(body.GetProperty("tagsCreated").GetInt32(), Is.EqualTo(1));
            Assert.That(await CountTests(), Is.EqualTo(3));
            Assert.That(await CountTags(), Is.EqualTo(4));
            Assert.That(await TestField("Chest X-ray", "Price"), Is.EqualTo("45.50"));
            Assert.That(await TagsOf("Chest X-ray"), Is.EqualTo("cough,wheezing"));
            Assert.That(await TestField("complete blood count", "Name"), Is.EqualTo("COMPLETE BLOOD COUNT"));
        }
    }

    [Test]
    public async Task Importing_the_same_file_again_changes_nothing_and_a_new_tag_set_alone_is_an_update()
    {
        using var editor = await SignedInAs("Editor");
        using (var first = await PostCatalogue(editor, ThreeTests))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyOf(first));
        }

        var stamps = await UpdatedAtByName();
        using var same = await PostCatalogue(editor, ThreeTests);
        var afterSame = await UpdatedAtByName();
        using var retagged = await PostCatalogue(editor, ThreeTests.Replace("[\"cough\", \"FEVER\"]", "[\"cough\"]", StringComparison.Ordinal));
        var afterRetag = await UpdatedAtByName();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await BodyOf(same), Is.EqualTo("""{"created":0,"updated":0,"unchanged":3,"tagsCreated":0,"tagsUpdated":0}"""));
            Assert.That(afterSame, Is.EqualTo(stamps));
            Assert.That(await BodyOf(retagged), Is.EqualTo("""{"created":0,"updated":1,"unchanged":2,"tagsCreated":0,"tagsUpdated":0}"""));
            Assert.That(await TagsOf("Chest X-ray"), Is.EqualTo("cough"));
            // UpdatedAt records a change of tags too.
            Assert.That(afterRetag["Chest X-ray"], Is.GreaterThan(stamps["Chest X-ray"]));
            Assert.That(afterRetag["PSA"], Is.EqualTo(stamps["PSA"]));
        }
    }

    [Test]
    public async Task A_misspelt_property_is_rejected_rather_than_clearing_the_field()
    {
        using var editor = await SignedInAs("Editor");

        using var response = await PostCatalogue(editor, ThreeTests.Replace("\"specimen\": \"Blood\"", "\"specimen_\": \"Blood\"", StringComparison.Ordinal));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await BodyOf(response));
        var rejected = (await ReadJson(response)).GetProperty("rejected")[0];
        Assert.That(rejected.GetProperty("text").GetString(), Does.StartWith("line 7 (diagnosticTests[0]): specimen_: Unknown property; the properties are: name, code,"));
    }

    [Test]
    public async Task A_file_with_one_bad_row_is_rejected_naming_its_line_and_field_and_nothing_is_written()
    {
        using var editor = await SignedInAs("Editor");
        using (var first = await PostCatalogue(editor, ThreeTests))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyOf(first));
        }

        var before = await DatabaseSnapshot();
        // A good change to the first test and a new tag, then an invalid third test: all or nothing.
        var bad = ThreeTests
            .Replace("Counts cells.", "Counts red and white cells.", StringComparison.Ordinal)
            .Replace("[\"fever\", \"fatigue\"]", "[\"fever\", \"night sweats\"]", StringComparison.Ordinal)
            .Replace("\"applicableSex\": \"Male\"", "\"applicableSex\": \"Robot\"", StringComparison.Ordinal);
        var badLine = bad.Split('\n').ToList().FindIndex(l => l.Contains("Robot", StringComparison.Ordinal)) + 1;

        using var response = await PostCatalogue(editor, bad);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await BodyOf(response));
        var rejected = (await ReadJson(response)).GetProperty("rejected").EnumerateArray().ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected, Has.Count.EqualTo(1));
            Assert.That(rejected[0].GetProperty("entry").GetString(), Is.EqualTo("diagnosticTests[2]"));
            Assert.That(rejected[0].GetProperty("line").GetInt32(), Is.EqualTo(badLine));
            Assert.That(rejected[0].GetProperty("field").GetString(), Is.EqualTo("applicableSex"));
            Assert.That(rejected[0].GetProperty("text").GetString(), Does.StartWith($"line {badLine} (diagnosticTests[2]): applicableSex: "));
            Assert.That(await DatabaseSnapshot(), Is.EqualTo(before));
            Assert.That(await TestField("Complete blood count", "Description"), Is.EqualTo("Counts cells."));
        }
    }

    [Test]
    public async Task Every_bad_row_is_reported_not_only_the_first()
    {
        using var editor = await SignedInAs("Editor");
        var bad = ThreeTests
            .Replace("\"turnaroundHours\": 4,", "\"turnaroundHours\": -4,", StringComparison.Ordinal)
            .Replace("\"minAgeYears\": 50, \"maxAgeYears\": 70", "\"minAgeYears\": 70, \"maxAgeYears\": 50", StringComparison.Ordinal)
            .Replace("\"price\": 40.00", "\"price\": 40.005", StringComparison.Ordinal)
            .Replace("\"category\": \"Symptom\", \"description\": null", "\"category\": \"Feeling\", \"description\": null", StringComparison.Ordinal);

        using var response = await PostCatalogue(editor, bad);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await BodyOf(response));
        var texts = (await ReadJson(response)).GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("text").GetString()).ToList();
        Assert.That(texts, Is.EqualTo(new[]
        {
            "line 4 (tags[1]): category: Category must be one of Symptom, History, RiskFactor, Demographic, Other.",
            "line 7 (diagnosticTests[0]): turnaroundHours: The field TurnaroundHours must be between 0 and 2147483647.",
            "line 8 (diagnosticTests[1]): price: Price must have at most two decimal places.",
            "line 9 (diagnosticTests[2]): minAgeYears, maxAgeYears: MinAgeYears must not be greater than MaxAgeYears.",
        }));
        Assert.That(await CountTags(), Is.Zero);
    }

    [Test]
    public async Task Malformed_JSON_is_rejected_with_the_line_it_breaks_on()
    {
        using var editor = await SignedInAs("Editor");
        var broken = ThreeTests.Replace("\"turnaroundHours\": 24", "\"turnaroundHours\": \"a day\"", StringComparison.Ordinal);

        using var response = await PostCatalogue(editor, broken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await BodyOf(response));
        var rejected = (await ReadJson(response)).GetProperty("rejected")[0].GetProperty("text").GetString();
        Assert.That(rejected, Is.EqualTo("line 9 (diagnosticTests[2]): turnaroundHours: Expected a whole number or null."));
    }

    [Test]
    public async Task Importing_CSV_keeps_quoted_commas_quotes_and_line_breaks()
    {
        using var editor = await SignedInAs("Editor");
        var csv =
            "name,code,category,description,specimen,preparation,turnaroundHours,validityDays,price,applicableSex,minAgeYears,maxAgeYears,tags\r\n"
            + "Ferritin,2276-4,Laboratory,\"Iron stores, \"\"ferritin\"\"\r\nsecond line\",Blood,,24,90,12.50,Any,,,fatigue; hair loss\r\n"
            + "\"Lipid panel, fasting\",,Laboratory,Cholesterol,Blood,Fast 12 h,6,365,,Any,18,,\r\n";

        using var response = await PostCatalogue(editor, csv, "text/csv");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyOf(response));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await TestField("Ferritin", "Description"), Is.EqualTo("Iron stores, \"ferritin\"\r\nsecond line"));
            Assert.That(await TestField("Ferritin", "Preparation"), Is.Null);
            Assert.That(await TestField("Ferritin", "Price"), Is.EqualTo("12.50"));
            Assert.That(await TagsOf("Ferritin"), Is.EqualTo("fatigue,hair loss"));
            Assert.That(await TestField("Lipid panel, fasting", "MinAgeYears"), Is.EqualTo("18"));
            Assert.That(await TagsOf("Lipid panel, fasting"), Is.Empty);
        }
    }

    [Test]
    public async Task A_bad_CSV_row_is_reported_with_its_line_counting_line_breaks_inside_quotes()
    {
        using var editor = await SignedInAs("Editor");
        var csv =
            "name,code,category,description,specimen,preparation,turnaroundHours,validityDays,price,applicableSex,minAgeYears,maxAgeYears,tags\n"
            + "Ferritin,,Laboratory,\"one\ntwo\nthree\",,,,,,Any,,,fatigue\n"
            + "PSA,,Laboratory,,,,,,,Robot,,,\n"
            + "Troponin,,Cardiology,,,,soon,,,Any,,,\n";

        using var response = await PostCatalogue(editor, csv, "text/csv");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await BodyOf(response));
        var texts = (await ReadJson(response)).GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("text").GetString()).ToList();
        Assert.That(texts, Is.EqualTo(new[]
        {
            "line 5: applicableSex: ApplicableSex must be one of Any, Female, Male.",
            "line 6: turnaroundHours: 'soon' is not a whole number.",
        }));
        Assert.That(await CountTests(), Is.Zero);
    }

    [Test]
    public async Task CSV_import_creates_unknown_tags_as_Other_and_leaves_the_category_of_existing_tags()
    {
        using var editor = await SignedInAs("Editor");
        using (var first = await PostCatalogue(editor, ThreeTests))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyOf(first));
        }

        var csv =
            "name,code,category,description,specimen,preparation,turnaroundHours,validityDays,price,applicableSex,minAgeYears,maxAgeYears,tags\n"
            + "Sputum culture,,Microbiology,,Sputum,,48,,,Any,,,COUGH;night sweats\n";
        using var response = await PostCatalogue(editor, csv, "text/csv");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyOf(response));
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await ReadJson(response)).GetProperty("tagsCreated").GetInt32(), Is.EqualTo(1));
            Assert.That(await TagCategory("cough"), Is.EqualTo("Symptom"));
            Assert.That(await TagCategory("night sweats"), Is.EqualTo("Other"));
            Assert.That(await TagsOf("Sputum culture"), Is.EqualTo("cough,night sweats"));
        }
    }

    [Test]
    public async Task A_Reader_may_not_import()
    {
        using var reader = await SignedInAs("Reader");

        using var response = await PostCatalogue(reader, ThreeTests);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await CountTests(), Is.Zero);
    }

    [Test]
    public async Task A_body_other_than_JSON_or_CSV_gets_415()
    {
        using var editor = await SignedInAs("Editor");

        using var response = await PostCatalogue(editor, "name\tcode", "text/tab-separated-values");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task A_body_over_the_configured_size_limit_gets_413_and_a_smaller_one_is_imported()
    {
        using var editor = await SignedInAs("Editor");
        await using var limited = new ApiFactory(Harness.ConnectionString, new Dictionary<string, string?> { ["Catalogue:MaxImportBytes"] = "100" });
        using var client = limited.CreateClient();
        client.DefaultRequestHeaders.Authorization = editor.DefaultRequestHeaders.Authorization;

        using var tooLarge = await PostCatalogue(client, ThreeTests);
        using var small = await PostCatalogue(client, """{ "tags": [{ "name": "fever", "category": "Symptom" }] }""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(tooLarge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(tooLarge.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(await BodyOf(tooLarge), Does.Contain("Catalogue:MaxImportBytes"));
            Assert.That(small.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyOf(small));
            Assert.That(await CountTests(), Is.Zero);
            Assert.That(await CountTags(), Is.EqualTo(1));
        }
    }

    private static async Task<Dictionary<string, DateTimeOffset>> UpdatedAtByName()
    {
        var rows = await Scalar<string>("""SELECT string_agg("Name" || '=' || "UpdatedAt"::text, E'\n' ORDER BY "Name") FROM "DiagnosticTests" """);
        return (rows ?? "").Split('\n').Select(r => r.Split('=', 2))
            .ToDictionary(r => r[0], r => DateTimeOffset.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
