using System.Net;
using System.Text.Json;
using DiagnosticTests.Api.Catalogue;
using Microsoft.Extensions.DependencyInjection;

namespace DiagnosticTests.Tests.Catalogue.ImportExport;

public sealed class RoundTripTests : ImportExportTestBase
{
    [Test]
    public async Task A_JSON_export_imported_into_an_empty_database_gives_the_same_data_and_the_same_export()
    {
        await ImportAsEditor(ShippedCatalogue(), "application/json");
        await ImportAsEditor(RichCatalogue, "application/json");
        var before = await DatabaseSnapshot();
        var export = await Export("json");

        await Harness.Resetter.ResetAsync();
        await ImportAsEditor(export, "application/json");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await DatabaseSnapshot(), Is.EqualTo(before));
            Assert.That(await Export("json"), Is.EqualTo(export));
        }
    }

    [Test]
    public async Task A_CSV_export_imported_into_an_empty_database_gives_the_same_tests_and_tag_links()
    {
        await ImportAsEditor(ShippedCatalogue(), "application/json");
        await ImportAsEditor(RichCatalogue, "application/json");
        // CSV carries no tag list, so a tag no test names is not in it.
        await ExecuteSql("""DELETE FROM "Tags" WHERE "Name" = 'unused tag'""");
        var before = await DatabaseSnapshot(withTagDetails: false);
        var export = await Export("csv");

        await Harness.Resetter.ResetAsync();
        await ImportAsEditor(export, "text/csv");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await DatabaseSnapshot(withTagDetails: false), Is.EqualTo(before));
            Assert.That(await Export("csv"), Is.EqualTo(export));
        }
    }

    [Test]
    public async Task The_export_is_the_catalogue_format_sorted_by_name()
    {
        await ImportAsEditor(RichCatalogue, "application/json");

        using var document = JsonDocument.Parse(await Export("json"));

        var root = document.RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()),
                Is.EqualTo(new[] { "fever", "pregnancy", "tiredness", "unused tag" }));
            Assert.That(root.GetProperty("diagnosticTests").EnumerateArray().Select(t => t.GetProperty("name").GetString()),
                Is.EqualTo(new[] { "Chest X-ray", "Ferritin", "Prenatal screen" }));
            var ferritin = root.GetProperty("diagnosticTests")[1];
            Assert.That(ferritin.GetProperty("price").GetDecimal(), Is.EqualTo(12.50m));
            Assert.That(ferritin.GetProperty("description").GetString(), Is.EqualTo("Iron stores,\nsecond line"));
            Assert.That(ferritin.GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "fever", "tiredness" }));
        }
    }

    [Test]
    public async Task Any_signed_in_user_may_export_as_a_file_and_anonymous_callers_may_not()
    {
        using var reader = await SignedInAs("Reader");
        using var anonymous = Anonymous();

        using var csv = await reader.GetAsync("/api/catalogue/export?format=csv");
        using var unknown = await reader.GetAsync("/api/catalogue/export?format=xml");
        using var refused = await anonymous.GetAsync("/api/catalogue/export");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(csv.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
            Assert.That(csv.Content.Headers.ContentDisposition?.FileName, Is.EqualTo("catalogue.csv"));
            Assert.That(await BodyOf(csv), Does.StartWith(string.Join(',', CatalogueCsv.Columns) + "\r\n"));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
    }

    [Test]
    public async Task A_tag_name_holding_the_CSV_tag_separator_makes_the_CSV_export_refuse_but_not_the_JSON_one()
    {
        await ImportAsEditor("""{ "diagnosticTests": [{ "name": "Ferritin", "category": "Laboratory", "tags": ["iron; low"] }] }""", "application/json");
        using var reader = await SignedInAs("Reader");

        using var csv = await reader.GetAsync("/api/catalogue/export?format=csv");
        using var json = await reader.GetAsync("/api/catalogue/export?format=json");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await BodyOf(csv), Does.Contain("The tag 'iron; low' contains ';'"));
            Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task The_shipped_catalogue_imports_without_rejections()
    {
        using var shipped = JsonDocument.Parse(ShippedCatalogue());
        var tests = shipped.RootElement.GetProperty("diagnosticTests").GetArrayLength();
        var tags = shipped.RootElement.GetProperty("tags").GetArrayLength();
        using var editor = await SignedInAs("Editor");

        using var response = await PostCatalogue(editor, ShippedCatalogue(), "application/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyOf(response));
        var body = await ReadJson(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("created").GetInt32(), Is.EqualTo(tests));
            // Every tag the tests name is listed, so none is created beyond the list.
            Assert.That(body.GetProperty("tagsCreated").GetInt32(), Is.EqualTo(tags));
            Assert.That(await CountTests(), Is.EqualTo(tests));
        }
    }

    [Test]
    public async Task Start_up_seeding_loads_the_shipped_catalogue_into_an_empty_database_only()
    {
        using var shipped = JsonDocument.Parse(ShippedCatalogue());
        var tests = shipped.RootElement.GetProperty("diagnosticTests").GetArrayLength();

        await Seed();
        await ExecuteSql("""UPDATE "DiagnosticTests" SET "Price" = 99 WHERE "Name" = 'Complete blood count'""");
        await Seed();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await CountTests(), Is.EqualTo(tests));
            Assert.That(await TestField("Complete blood count", "Price"), Is.EqualTo("99.00"));
        }

        static async Task Seed()
        {
            await using var scope = Harness.Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CatalogueSeeder>().SeedIfEmptyAsync(CancellationToken.None);
        }
    }

    // Users are emptied by a reset like everything else, so each step signs in afresh.
    private static async Task ImportAsEditor(string body, string contentType) =>
        await ImportAsEditor(System.Text.Encoding.UTF8.GetBytes(body), contentType);

    private static async Task ImportAsEditor(byte[] body, string contentType)
    {
        using var editor = await SignedInAs("Editor");
        using var response = await PostCatalogue(editor, body, contentType);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyOf(response));
    }

    private static async Task<byte[]> Export(string format)
    {
        using var reader = await SignedInAs("Reader");
        using var response = await reader.GetAsync($"/api/catalogue/export?format={format}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyOf(response));
        return await response.Content.ReadAsByteArrayAsync();
    }
}
