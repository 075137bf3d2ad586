using System.Text.Json;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.Querying;

/// <summary>Server-driven paging: 100 per page by default, absolute next links, Prefer: odata.maxpagesize (API.md, Querying).</summary>
public sealed class PagingTests : CatalogueTestBase
{
    [Test]
    public async Task The_first_page_of_250_tests_has_100_and_an_absolute_next_link()
    {
        await SeedManyTests(250);
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Names(page), Has.Count.EqualTo(100));
            Assert.That(NextLink(page), Does.StartWith("http://localhost/odata/DiagnosticTests?"));
        }
    }

    [Test]
    public async Task Following_every_next_link_yields_all_250_tests_once_in_Id_order()
    {
        await SeedManyTests(250);
        using var reader = await SignedInAs("Reader");

        var pages = await AllPages(reader, "/odata/DiagnosticTests");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pages.Select(p => Names(p).Count), Is.EqualTo(new[] { 100, 100, 50 }));
            Assert.That(pages.SelectMany(Names), Is.EqualTo(await NamesInIdOrder("DiagnosticTests")));
        }
    }

    [Test]
    public async Task Every_page_carries_the_total_count_when_count_is_asked_for()
    {
        await SeedManyTests(250);
        using var reader = await SignedInAs("Reader");

        var pages = await AllPages(reader, "/odata/DiagnosticTests?$count=true");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pages, Has.Count.EqualTo(3));
            Assert.That(pages.Select(p => p.GetProperty("@odata.count").GetInt32()), Has.All.EqualTo(250));
        }
    }

    [Test]
    public async Task Prefer_maxpagesize_10_gives_pages_of_10_with_a_next_link()
    {
        await SeedManyTests(25);
        using var reader = await SignedInAs("Reader");

        var page = await GetWithPrefer(reader, "/odata/DiagnosticTests", "odata.maxpagesize=10");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Names(page), Is.EqualTo(new[] { "Test 001", "Test 002", "Test 003", "Test 004", "Test 005", "Test 006", "Test 007", "Test 008", "Test 009", "Test 010" }));
            Assert.That(NextLink(page), Does.StartWith("http://localhost/odata/DiagnosticTests?"));
        }
    }

    [Test]
    public async Task Prefer_maxpagesize_above_the_limit_is_capped_at_100()
    {
        await SeedManyTests(250);
        using var reader = await SignedInAs("Reader");

        var page = await GetWithPrefer(reader, "/odata/DiagnosticTests", "odata.maxpagesize=500");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Names(page), Has.Count.EqualTo(100));
            Assert.That(NextLink(page), Is.Not.Null);
        }
    }

    [Test]
    public async Task Tags_are_paged_and_every_tag_is_reached_through_the_next_links()
    {
        await ExecuteSql("""
            INSERT INTO "Tags" ("Name", "Category")
            SELECT 'tag ' || lpad(i::text, 3, '0'), 'Other' FROM generate_series(1, 250) AS i ORDER BY i
            """);
        using var reader = await SignedInAs("Reader");

        var pages = await AllPages(reader, "/odata/Tags");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pages.Select(p => Names(p).Count), Is.EqualTo(new[] { 100, 100, 50 }));
            Assert.That(NextLink(pages[0]), Does.StartWith("http://localhost/odata/Tags?"));
            Assert.That(pages.SelectMany(Names), Is.EqualTo(await NamesInIdOrder("Tags")));
        }
    }

    [Test]
    public async Task Users_are_paged_for_an_Admin_and_every_user_is_reached_through_the_next_links()
    {
        using var admin = await SignedInAs("Admin");
        await ExecuteSql("""
            INSERT INTO "Users" ("Email", "Name", "Role", "IsActive", "CreatedAt", "PasswordHash")
            SELECT 'user' || lpad(i::text, 3, '0') || '@example.com', 'User ' || i, 'Reader', true, now(), 'not-a-real-hash'
            FROM generate_series(1, 250) AS i ORDER BY i
            """);

        var pages = await AllPages(admin, "/odata/Users");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pages.Select(p => Values(p, "Email").Count), Is.EqualTo(new[] { 100, 100, 51 }));
            Assert.That(NextLink(pages[0]), Does.StartWith("http://localhost/odata/Users?"));
            Assert.That(pages.SelectMany(p => Values(p, "Email")), Is.EqualTo(await NamesInIdOrder("Users", "Email")));
        }
    }

    [Test]
    public async Task A_configured_page_size_is_honoured()
    {
        await SeedManyTests(5);
        using var signedIn = await SignedInAs("Reader");
        using var factory = new ApiFactory(Harness.ConnectionString, new Dictionary<string, string?> { ["Query:PageSize"] = "2" });
        using var reader = ClientOf(factory, signedIn);

        var pages = await AllPages(reader, "/odata/DiagnosticTests");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pages.Select(p => Names(p).Count), Is.EqualTo(new[] { 2, 2, 1 }));
            Assert.That(pages.SelectMany(Names), Is.EqualTo(new[] { "Test 001", "Test 002", "Test 003", "Test 004", "Test 005" }));
        }
    }

    [Test]
    public async Task The_next_link_uses_the_public_scheme_and_host_from_the_reverse_proxy()
    {
        await SeedManyTests(150);
        using var reader = await SignedInAs("Reader");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/odata/DiagnosticTests");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "catalogue.example.org");

        using var response = await reader.SendAsync(request);

        var page = await ReadJson(response);
        Assert.That(NextLink(page), Does.StartWith("https://catalogue.example.org/odata/DiagnosticTests?"));
    }

    private static async Task<JsonElement> GetWithPrefer(HttpClient client, string url, string prefer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Prefer", prefer);
        using var response = await client.SendAsync(request);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"GET {url} with Prefer: {prefer} answered {(int)response.StatusCode}");
        return await ReadJson(response);
    }
}
