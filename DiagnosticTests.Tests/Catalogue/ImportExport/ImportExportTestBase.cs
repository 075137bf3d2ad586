using System.Net.Http.Headers;
using System.Text;
using DiagnosticTests.Api.Catalogue;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.Catalogue.ImportExport;

/// <summary>Sending catalogue files, and a view of the database that says whether two imports left the same data.</summary>
public abstract class ImportExportTestBase : ApiTestBase
{
    protected const string ImportUrl = "/api/catalogue/import";

    protected static Task<HttpResponseMessage> PostCatalogue(HttpClient client, string body, string contentType = "application/json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        return client.PostAsync(ImportUrl, content);
    }

    protected static async Task<HttpResponseMessage> PostCatalogue(HttpClient client, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PostAsync(ImportUrl, content);
    }

    protected static async Task<string> BodyOf(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    protected static Task<long> CountTests() => Scalar<long>("""SELECT count(*) FROM "DiagnosticTests" """);

    protected static Task<long> CountTags() => Scalar<long>("""SELECT count(*) FROM "Tags" """);

    // The parameters are text; cast to citext so that names match ignoring case, as the API matches them.
    protected static Task<string?> TestField(string name, string column) =>
        Scalar<string>($"""SELECT "{column}"::text FROM "DiagnosticTests" WHERE "Name" = @name::citext""", ("name", name));

    protected static Task<string?> TagCategory(string name) =>
        Scalar<string>("""SELECT "Category" FROM "Tags" WHERE "Name" = @name::citext""", ("name", name));

    /// <summary>The test's tag names, sorted, comma-separated.</summary>
    protected static Task<string?> TagsOf(string testName) => Scalar<string>(
        """
        SELECT coalesce(string_agg(g."Name"::text, ',' ORDER BY g."Name"), '')
        FROM "DiagnosticTests" t JOIN "DiagnosticTestTags" l ON l."DiagnosticTestId" = t."Id" JOIN "Tags" g ON g."Id" = l."TagId"
        WHERE t."Name" = @name::citext
        """, ("name", testName));

    /// <summary>
    /// Every test field and tag link (and, unless <paramref name="withTagDetails"/> is false, every tag's category and
    /// description) as text, read by SQL rather than through the exporter, so it can judge the exporter's output.
    /// %L quotes values and writes NULL bare, so a null and an empty string differ.
    /// </summary>
    protected static async Task<string> DatabaseSnapshot(bool withTagDetails = true)
    {
        var tests = await Scalar<string>(
            """
            SELECT coalesce(string_agg(format('%L|%L|%L|%L|%L|%L|%L|%L|%L|%L|%L|%L', "Name", "Code", "Category", "Description",
                "Specimen", "Preparation", "TurnaroundHours", "ValidityDays", "Price", "ApplicableSex", "MinAgeYears", "MaxAgeYears"),
                E'\n' ORDER BY "Name"), '')
            FROM "DiagnosticTests"
            """);
        var tags = await Scalar<string>(
            withTagDetails
                ? """SELECT coalesce(string_agg(format('%L|%L|%L', "Name", "Category", "Description"), E'\n' ORDER BY "Name"), '') FROM "Tags" """
                : """SELECT coalesce(string_agg(format('%L', "Name"), E'\n' ORDER BY "Name"), '') FROM "Tags" """);
        var links = await Scalar<string>(
            """
            SELECT coalesce(string_agg(t."Name" || ' > ' || g."Name", E'\n' ORDER BY t."Name", g."Name"), '')
            FROM "DiagnosticTestTags" l JOIN "DiagnosticTests" t ON t."Id" = l."DiagnosticTestId" JOIN "Tags" g ON g."Id" = l."TagId"
            """);
        return $"TESTS\n{tests}\nTAGS\n{tags}\nLINKS\n{links}";
    }

    /// <summary>The catalogue that ships with the service, as copied next to the test assembly.</summary>
    protected static byte[] ShippedCatalogue() => File.ReadAllBytes(CatalogueSeeder.DefaultPath);

    /// <summary>A catalogue that sets every field, including the awkward ones: quotes, commas, line breaks, accents, prices.</summary>
    protected const string RichCatalogue =
        """
        {
          "tags": [
            { "name": "fever", "category": "Symptom", "description": "38 °C or above, \"measured\", twice" },
            { "name": "pregnancy", "category": "History", "description": null },
            { "name": "unused tag", "category": "RiskFactor", "description": "Listed, named by no test." }
          ],
          "diagnosticTests": [
            { "name": "Ferritin", "code": "2276-4", "category": "Laboratory", "description": "Iron stores,\nsecond line", "specimen": "Venous blood, serum", "preparation": "None; \"really\"", "turnaroundHours": 24, "validityDays": 90, "price": 12.50, "applicableSex": "Any", "minAgeYears": null, "maxAgeYears": null, "tags": ["fever", "tiredness"] },
            { "name": "Prenatal screen", "code": null, "category": "Screening", "description": null, "specimen": null, "preparation": null, "turnaroundHours": null, "validityDays": null, "price": 0, "applicableSex": "Female", "minAgeYears": 16, "maxAgeYears": 50, "tags": ["pregnancy"] },
            { "name": "Chest X-ray", "code": "36643-5", "category": "Imaging", "description": "Éclat, naïve – façade", "specimen": "None (imaging)", "preparation": null, "turnaroundHours": 2, "validityDays": 180, "price": 1999999.99, "applicableSex": "Any", "minAgeYears": 0, "maxAgeYears": 150, "tags": [] }
          ]
        }
        """;
}
