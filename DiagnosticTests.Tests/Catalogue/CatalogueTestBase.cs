using System.Net;
using System.Text;
using System.Text.Json;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.Catalogue;

/// <summary>
/// What the catalogue fixtures share: small named rows written straight into the tables (so a test's set-up
/// never depends on the writes it checks), and reading the catalogue back the way a client sees it.
/// </summary>
public abstract class CatalogueTestBase : ApiTestBase
{
    /// <summary>When seeded tests were created and last updated: far enough back that any write moves UpdatedAt.</summary>
    protected static readonly DateTimeOffset SeededAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Inserts a diagnostic test and returns its id.</summary>
    protected static async Task<int> SeedTest(
        string name,
        string category = "Laboratory",
        string? code = null,
        string? description = null,
        string? specimen = null,
        int? turnaroundHours = null,
        decimal? price = null)
    {
        var id = await Scalar<int>(
            """
            INSERT INTO "DiagnosticTests"
                ("Name", "Code", "Category", "Description", "Specimen", "TurnaroundHours", "Price", "ApplicableSex", "CreatedAt", "UpdatedAt")
            VALUES (@name, @code, @category, @description, @specimen, @turnaroundHours, @price, 'Any', @seededAt, @seededAt)
            RETURNING "Id"
            """,
            ("name", name),
            ("code", code),
            ("category", category),
            ("description", description),
            ("specimen", specimen),
            ("turnaroundHours", turnaroundHours),
            ("price", price),
            ("seededAt", SeededAt));
        Assert.That(id, Is.Positive, $"Seeding the test '{name}'");
        return id;
    }

    /// <summary>Inserts a tag and returns its id.</summary>
    protected static async Task<int> SeedTag(string name, string category = "Symptom", string? description = null)
    {
        var id = await Scalar<int>(
            """INSERT INTO "Tags" ("Name", "Category", "Description") VALUES (@name, @category, @description) RETURNING "Id" """,
            ("name", name),
            ("category", category),
            ("description", description));
        Assert.That(id, Is.Positive, $"Seeding the tag '{name}'");
        return id;
    }

    /// <summary>Tags the test with each of the tags.</summary>
    protected static async Task Link(int testId, params int[] tagIds)
    {
        foreach (var tagId in tagIds)
        {
            await ExecuteSql(
                """INSERT INTO "DiagnosticTestTags" ("DiagnosticTestId", "TagId") VALUES (@testId, @tagId)""",
                ("testId", testId),
                ("tagId", tagId));
        }
    }

    protected static Task<long> CountTests() => Scalar<long>("""SELECT count(*) FROM "DiagnosticTests" """);

    protected static Task<long> CountTags() => Scalar<long>("""SELECT count(*) FROM "Tags" """);

    protected static Task<long> CountLinks() => Scalar<long>("""SELECT count(*) FROM "DiagnosticTestTags" """);

    /// <summary>Sends <paramref name="json"/> exactly as written: for bodies an anonymous object cannot express (@odata keys, bad JSON).</summary>
    protected static Task<HttpResponseMessage> SendJson(HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>GETs <paramref name="url"/>, expecting 200, and returns the body.</summary>
    protected static async Task<JsonElement> GetJson(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await ReadJson(response);
    }

    /// <summary>The names of the test's tags as a client reads them through $expand, in ordinal order.</summary>
    protected static async Task<string[]> TagNamesOf(HttpClient client, int testId)
    {
        var test = await GetJson(client, $"/odata/DiagnosticTests({testId})?$expand=Tags");
        return [.. test.GetProperty("Tags").EnumerateArray().Select(t => t.GetProperty("Name").GetString()!).Order(StringComparer.Ordinal)];
    }

    /// <summary>The values of <paramref name="property"/> across a collection response, in the order served.</summary>
    protected static string?[] Values(JsonElement collection, string property) =>
        [.. collection.GetProperty("value").EnumerateArray().Select(e => e.GetProperty(property).GetString())];

    /// <summary>The "error" object of an OData error response.</summary>
    protected static async Task<JsonElement> ErrorOf(HttpResponseMessage response) =>
        (await ReadJson(response)).GetProperty("error");

    /// <summary>What an OData error says about its subject: its target (when present) and its message.</summary>
    protected static string Mentions(JsonElement error) =>
        (error.TryGetProperty("target", out var target) ? target.GetString() + " " : "") + error.GetProperty("message").GetString();
}
