using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DiagnosticTests.Api.OData.DirectWriting;
using DiagnosticTests.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DiagnosticTests.Tests;

/// <summary>
/// The embedded default provider, end to end on a fresh SQLite file: the rest of the suite runs on PostgreSQL,
/// so this catches what only SQLite gets wrong (case-insensitive names, DateTimeOffset ordering, paging).
/// </summary>
public sealed class SqliteSmokeTests : ApiTestBase
{
    private const string AdminEmail = "admin@example.com";

    [Test]
    public async Task On_SQLite_an_admin_creates_searches_pages_orders_and_deletes_tests()
    {
        using var factory = WithFirstAdmin();
        using var admin = await SignedInAdmin(factory);

        var bloodCount = await Create(admin, new { Name = "Complete blood count", Category = "Laboratory", Tags = new[] { new { Name = "fever" }, new { Name = "fatigue" } } });
        await Create(admin, new { Name = "Chest X-ray", Category = "Imaging", Tags = new[] { new { Name = "Fever" }, new { Name = "cough" } } });

        var found = await Get(admin, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name in ('FEVER'))");
        Assert.That(Names(found), Is.EquivalentTo(new[] { "Complete blood count", "Chest X-ray" }), "tag search ignores case");

        var malaria = await Create(admin, new { Name = "Malaria smear", Category = "Laboratory", Tags = new[] { new { Name = "fever" } } });
        var ranked = await Get(admin, """/odata/DiagnosticTests/Recommend(tags=["fever"])""");
        Assert.That(Names(ranked), Is.EqualTo(new[] { "Malaria smear", "Chest X-ray", "Complete blood count" }), "Recommend: fewer tags first, then name");
        var twoTags = await Get(admin, """/odata/DiagnosticTests/Recommend(tags=["fever","cough"])""");
        Assert.That(Names(twoTags), Is.EqualTo(new[] { "Chest X-ray", "Malaria smear", "Complete blood count" }), "Recommend: more matched tags first");
        using (var deleted = await admin.DeleteAsync($"/odata/DiagnosticTests({malaria})"))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "delete the test only Recommend needed");
        }

        var paged = new List<string?>();
        string? next = "/odata/DiagnosticTests";
        for (var pages = 0; next is not null && pages < 5; pages++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Add("Prefer", "odata.maxpagesize=1");
            using var response = await admin.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {next}");
            var page = await ReadJson(response);
            paged.AddRange(Names(page));
            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        Assert.That(paged, Is.EqualTo(new[] { "Complete blood count", "Chest X-ray" }), "one per page, following the next link");

        var newestFirst = await Get(admin, "/odata/DiagnosticTests?$orderby=CreatedAt desc");
        Assert.That(Names(newestFirst), Is.EqualTo(new[] { "Chest X-ray", "Complete blood count" }), "$orderby=CreatedAt desc");

        using (var deleted = await admin.DeleteAsync($"/odata/DiagnosticTests({bloodCount})"))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "delete");
        }

        var left = await Get(admin, "/odata/DiagnosticTests");
        Assert.That(Names(left), Is.EqualTo(new[] { "Chest X-ray" }), "after the delete");
    }

    [TestCase("/odata/DiagnosticTests?$expand=Tags&$count=true")]
    [TestCase("/odata/DiagnosticTests?$select=Price,Name,Description&$count=true")]
    [TestCase("/odata/DiagnosticTests(1)?$expand=Tags")]
    [TestCase("/odata/DiagnosticTests(2)?$select=Description,Name")]
    public async Task On_SQLite_a_page_or_an_entity_reads_the_same_from_both_writers(string url)
    {
        using var factory = WithFirstAdmin();
        using var odataFactory = factory.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.Configure<DirectWritingOptions>(options => options.DirectJson = false)));
        using var admin = await SignedInAdmin(factory);

        await Create(admin, new { Name = "Complete blood count", Category = "Laboratory", Price = 12.5m, Tags = new[] { new { Name = "fever" }, new { Name = "fatigue" } } });
        await Create(admin, new { Name = "Chest X-ray", Category = "Imaging", Description = "Ünïcödé <b>", Tags = Array.Empty<object>() });
        using var odataReader = odataFactory.CreateClient();
        odataReader.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;

        var direct = await admin.GetByteArrayAsync(url);
        var written = await odataReader.GetByteArrayAsync(url);

        Assert.That(System.Text.Encoding.UTF8.GetString(direct), Is.EqualTo(System.Text.Encoding.UTF8.GetString(written)));
    }

    [Test]
    public async Task On_SQLite_a_repeated_tag_search_with_its_tags_answers_as_the_first_and_sees_later_writes()
    {
        using var factory = WithFirstAdmin();
        using var admin = await SignedInAdmin(factory);
        await Create(admin, new { Name = "Complete blood count", Category = "Laboratory", Tags = new[] { new { Name = "fever" }, new { Name = "fatigue" } } });
        await Create(admin, new { Name = "Chest X-ray", Category = "Imaging", Tags = new[] { new { Name = "cough" } } });
        const string FeverWithTags = "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'fever')&$expand=Tags";

        var first = await Get(admin, FeverWithTags);
        var repeated = await Get(admin, FeverWithTags);
        await Create(admin, new { Name = "Malaria smear", Category = "Laboratory", Tags = new[] { new { Name = "fever" }, new { Name = "travel" } } });
        var afterWrite = await Get(admin, FeverWithTags);

        Assert.That(repeated.GetRawText(), Is.EqualTo(first.GetRawText()));
        Assert.That(Names(afterWrite), Is.EqualTo(new[] { "Complete blood count", "Malaria smear" }));
        Assert.That(afterWrite.GetProperty("value")[1].GetProperty("Tags").EnumerateArray().Select(t => t.GetProperty("Name").GetString()),
            Is.EquivalentTo(new[] { "fever", "travel" }));
    }

    private static ApiFactory WithFirstAdmin() => ApiFactory.ForSqlite(new Dictionary<string, string?>
    {
        ["ADMIN_EMAIL"] = AdminEmail,
        ["ADMIN_PASSWORD"] = Password,
    });

    private static async Task<HttpClient> SignedInAdmin(ApiFactory factory)
    {
        var admin = factory.CreateClient();
        using var token = await PostJson(admin, "/api/auth/token", new { email = AdminEmail, password = Password });
        Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the first admin from ADMIN_EMAIL/ADMIN_PASSWORD signs in");
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await ReadJson(token)).GetProperty("access_token").GetString());
        return admin;
    }

    private static async Task<int> Create(HttpClient client, object test)
    {
        using var response = await PostJson(client, "/odata/DiagnosticTests", test);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await ReadJson(response)).GetProperty("Id").GetInt32();
    }

    private static async Task<JsonElement> Get(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {url}: {await response.Content.ReadAsStringAsync()}");
        return await ReadJson(response);
    }

    private static List<string?> Names(JsonElement page) =>
        [.. page.GetProperty("value").EnumerateArray().Select(t => t.GetProperty("Name").GetString())];
}
