using System.Net;
using System.Text.Json;
using DiagnosticTests.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DiagnosticTests.Tests.Querying;

/// <summary>
/// The small named catalogue the querying tests assert on, and the few readers they share: the names on a
/// page, every page behind the next links, and the OData error of a refused request.
/// </summary>
public abstract class CatalogueTestBase : ApiTestBase
{
    /// <summary>
    /// Five tests in this Id order (not alphabetical, so name order and Id order differ):
    /// Complete blood count [fever, fatigue], Chest X-ray [cough, fever, shortness of breath],
    /// Urinalysis [dysuria], Lipid panel [family history of heart disease], Spirometry [cough, shortness of breath].
    /// </summary>
    protected static async Task SeedCatalogue()
    {
        await ExecuteSql("""
            INSERT INTO "DiagnosticTests" ("Name", "Code", "Category", "Description", "ApplicableSex", "CreatedAt", "UpdatedAt") VALUES
              ('Complete blood count', '58410-2', 'Laboratory', 'Counts red cells, white cells and platelets.', 'Any', now(), now()),
              ('Chest X-ray', '36643-5', 'Imaging', 'Two views of the chest.', 'Any', now(), now()),
              ('Urinalysis', '24356-8', 'Laboratory', 'Dipstick and microscopy of urine.', 'Any', now(), now()),
              ('Lipid panel', '57698-3', 'Laboratory', 'Total cholesterol, HDL, LDL and triglycerides after fasting.', 'Any', now(), now()),
              ('Spirometry', '19876-2', 'Respiratory', 'How much air is breathed out, and how fast.', 'Any', now(), now());

            INSERT INTO "Tags" ("Name", "Category") VALUES
              ('fever', 'Symptom'), ('fatigue', 'Symptom'), ('cough', 'Symptom'), ('shortness of breath', 'Symptom'),
              ('dysuria', 'Symptom'), ('family history of heart disease', 'History');

            INSERT INTO "DiagnosticTestTags" ("DiagnosticTestId", "TagId")
            SELECT d."Id", t."Id"
            FROM (VALUES
                    ('Complete blood count', 'fever'), ('Complete blood count', 'fatigue'),
                    ('Chest X-ray', 'cough'), ('Chest X-ray', 'fever'), ('Chest X-ray', 'shortness of breath'),
                    ('Urinalysis', 'dysuria'),
                    ('Lipid panel', 'family history of heart disease'),
                    ('Spirometry', 'cough'), ('Spirometry', 'shortness of breath')) AS link (test, tag)
            JOIN "DiagnosticTests" d ON d."Name" = link.test
            JOIN "Tags" t ON t."Name" = link.tag;
            """);
    }

    /// <summary>Tests named "Test 001" … in one statement, Ids ascending with the number.</summary>
    protected static Task SeedManyTests(int count) =>
        ExecuteSql("""
            INSERT INTO "DiagnosticTests" ("Name", "Category", "ApplicableSex", "CreatedAt", "UpdatedAt")
            SELECT 'Test ' || lpad(i::text, 3, '0'), 'Laboratory', 'Any', now(), now()
            FROM generate_series(1, @count) AS i
            ORDER BY i
            """, ("count", count));

    /// <summary>The names of a table's rows in Id order, as the database has them.</summary>
    protected static async Task<List<string>> NamesInIdOrder(string table, string column = "Name")
    {
        var joined = await Scalar<string>($"""SELECT string_agg("{column}"::text, '|' ORDER BY "Id") FROM "{table}" """);
        return joined is null ? [] : [.. joined.Split('|')];
    }

    /// <summary>GET that must answer 200 with JSON.</summary>
    protected static async Task<JsonElement> GetJson(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {url} answered: {body}");
        return await ReadJson(response);
    }

    protected static List<string> Names(JsonElement page) => Values(page, "Name");

    protected static List<string> Values(JsonElement page, string property) =>
        [.. page.GetProperty("value").EnumerateArray().Select(entity => entity.GetProperty(property).ToString())];

    protected static string? NextLink(JsonElement page) =>
        page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;

    /// <summary>Follows @odata.nextLink from <paramref name="url"/> to the last page (at most 100 pages).</summary>
    protected static async Task<List<JsonElement>> AllPages(HttpClient client, string url)
    {
        var pages = new List<JsonElement>();
        for (string? next = url; next is not null; next = NextLink(pages[^1]))
        {
            Assert.That(pages, Has.Count.LessThan(100), $"Too many pages; the last next link was {next}");
            pages.Add(await GetJson(client, next));
        }

        return pages;
    }

    /// <summary>The status, the raw body, and the "error" object of an OData error response.</summary>
    protected static async Task<(HttpStatusCode Status, string Body, string? Code, string? Message)> ReadError(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        string? code = null, message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Not JSON: code and message stay null, and the assertions on them show the body.
        }

        return (response.StatusCode, body, code, message);
    }

    /// <summary>A Reader's client of the harness app with <paramref name="interceptor"/> on its database context, to watch the statements its requests run.</summary>
    protected static async Task<WatchedReader> ReaderWatchedBy(IInterceptor interceptor)
    {
        using var signedIn = await SignedInAs("Reader");
        var factory = Watched(Harness.Factory, interceptor);
        return new WatchedReader(factory, ClientOf(factory, signedIn));
    }

    /// <summary>The client and the app it talks to, disposed together.</summary>
    protected sealed class WatchedReader(WebApplicationFactory<Program> factory, HttpClient client) : IAsyncDisposable
    {
        public HttpClient Client => client;

        public IServiceProvider Services => factory.Services;

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await factory.DisposeAsync();
        }
    }
}
