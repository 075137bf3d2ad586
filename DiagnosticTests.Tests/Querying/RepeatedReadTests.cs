using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace DiagnosticTests.Tests.Querying;

/// <summary>
/// A URL read again reuses what OData bound for it the first time; what comes back must still be the data
/// as it is now, the page size and format the request asks for, and a clock read afresh.
/// </summary>
public sealed class RepeatedReadTests : CatalogueTestBase
{
    private const string FeverAndCough =
        "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'fever') and Tags/any(t: t/Name eq 'cough')&$expand=Tags&$count=true";

    [SetUp]
    public Task Seed() => SeedCatalogue();

    [Test]
    public async Task A_repeated_tag_search_answers_with_the_same_bytes()
    {
        using var reader = await SignedInAs("Reader");

        var first = await reader.GetStringAsync(FeverAndCough);
        var second = await reader.GetStringAsync(FeverAndCough);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(Names(JsonDocument.Parse(second).RootElement), Is.EqualTo(new[] { "Chest X-ray" }));
    }

    [Test]
    public async Task A_repeated_tag_search_finds_a_test_tagged_since_the_first_read_and_counts_it()
    {
        using var reader = await SignedInAs("Reader");
        await GetJson(reader, FeverAndCough);

        await ExecuteSql("""
            INSERT INTO "DiagnosticTestTags" ("DiagnosticTestId", "TagId")
            SELECT d."Id", t."Id" FROM "DiagnosticTests" d, "Tags" t WHERE d."Name" = 'Spirometry' AND t."Name" = 'fever'
            """);
        var again = await GetJson(reader, FeverAndCough);

        Assert.That(Names(again), Is.EqualTo(new[] { "Chest X-ray", "Spirometry" }));
        Assert.That(again.GetProperty("@odata.count").GetInt64(), Is.EqualTo(2));
        Assert.That(again.GetProperty("value").EnumerateArray().Select(test => test.GetProperty("Tags").GetArrayLength()), Is.EqualTo(new[] { 3, 3 }));
    }

    [Test]
    public async Task A_repeated_search_for_tags_whose_names_look_like_sql_finds_the_same_tests()
    {
        // Names with quotes, @ and : as a statement's placeholders use them; one tag wanted and one refused, so a
        // repeat that mixed up its values would answer differently.
        await ExecuteSql("""
            INSERT INTO "Tags" ("Name", "Category") VALUES ('o''brien @__p_0', 'Other'), ('x :p -- /*', 'Other');
            INSERT INTO "DiagnosticTestTags" ("DiagnosticTestId", "TagId")
            SELECT d."Id", t."Id" FROM "DiagnosticTests" d, "Tags" t
            WHERE (d."Name" IN ('Spirometry', 'Urinalysis') AND t."Name" = 'o''brien @__p_0') OR (d."Name" = 'Spirometry' AND t."Name" = 'x :p -- /*')
            """);
        using var reader = await SignedInAs("Reader");
        const string url = "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'o''brien @__p_0') and not Tags/any(t: t/Name eq 'x :p -- /*')&$expand=Tags";

        var first = await GetJson(reader, url);
        var again = await GetJson(reader, url);

        Assert.That(Names(first), Is.EqualTo(new[] { "Urinalysis" }));
        Assert.That(again.GetRawText(), Is.EqualTo(first.GetRawText()));
    }

    [Test]
    public async Task A_repeated_tag_search_names_the_host_it_was_asked_on_in_its_context_link()
    {
        using var reader = await SignedInAs("Reader");
        foreach (var host in new[] { "first.example", "second.example:8443", "first.example" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, FeverAndCough);
            request.Headers.Host = host;
            using var response = await reader.SendAsync(request);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

            Assert.That(body.GetProperty("@odata.context").GetString(), Does.StartWith($"http://{host}/odata/$metadata#DiagnosticTests"));
        }
    }

    [Test]
    public async Task A_repeated_tag_search_shows_its_tags_as_they_are_now()
    {
        using var reader = await SignedInAs("Reader");
        await GetJson(reader, FeverAndCough);

        await ExecuteSql("""UPDATE "Tags" SET "Description" = 'Raised body temperature' WHERE "Name" = 'fever'""");
        var again = await GetJson(reader, FeverAndCough);

        var fever = again.GetProperty("value")[0].GetProperty("Tags").EnumerateArray().Single(tag => tag.GetProperty("Name").GetString() == "fever");
        Assert.That(fever.GetProperty("Description").GetString(), Is.EqualTo("Raised body temperature"));
    }

    [Test]
    public async Task A_repeated_read_without_a_token_is_refused_with_401_and_no_rows()
    {
        using var reader = await SignedInAs("Reader");
        await GetJson(reader, FeverAndCough);

        using var anonymous = Anonymous();
        using var response = await anonymous.GetAsync(FeverAndCough);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body, Does.Not.Contain("Chest X-ray"));
    }

    [Test]
    public async Task A_batch_part_repeating_a_read_answers_as_the_read_did()
    {
        using var reader = await SignedInAs("Reader");
        var direct = await GetJson(reader, FeverAndCough);

        using var response = await PostJson(reader, "/odata/$batch", new
        {
            requests = new object[] { new { id = "1", method = "GET", url = FeverAndCough["/odata/".Length..] } },
        });
        var part = (await ReadJson(response)).GetProperty("responses")[0];

        Assert.That(part.GetProperty("status").GetInt32(), Is.EqualTo(200));
        Assert.That(Names(part.GetProperty("body")), Is.EqualTo(Names(direct)));
        Assert.That(part.GetProperty("body").GetProperty("@odata.count").GetInt64(), Is.EqualTo(1));
    }

    [TestCase("/odata/DiagnosticTests?$filter=Tags/any(t: t/Name in ('fever','cough'))&$expand=Tags&$count=true")]
    [TestCase("/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'fever') and Category eq 'Imaging'&$count=true")]
    [TestCase("/odata/DiagnosticTests?$search=blood&$count=true")]
    [TestCase("/odata/DiagnosticTests?$orderby=Name desc&$skip=1&$top=3&$expand=Tags")]
    [TestCase("/odata/Tags?$filter=startswith(Name,'f')&$expand=DiagnosticTests&$count=true")]
    public async Task Many_clients_repeating_a_read_at_once_all_get_the_first_answer(string url)
    {
        using var reader = await SignedInAs("Reader");
        var first = await reader.GetStringAsync(url);

        // At once, so that the pool hands out several database contexts, not the one the first request used.
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => reader.GetAsync(url)));
        var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.That(JsonDocument.Parse(first).RootElement.GetProperty("value").GetArrayLength(), Is.GreaterThan(0), first);
        Assert.That(bodies, Is.All.EqualTo(first));
    }

    [Test]
    public async Task A_repeated_filter_with_more_values_than_a_compiled_query_takes_still_finds_its_tests()
    {
        using var reader = await SignedInAs("Reader");
        var names = new[] { "Urinalysis", "Spirometry" }.Concat(Enumerable.Range(1, 16).Select(i => $"No such test {i}"));
        var url = $"/odata/DiagnosticTests?$filter={string.Join(" or ", names.Select(name => $"Name eq '{name}'"))}&$orderby=Name&$top=10";

        var first = await GetJson(reader, url);
        var again = await GetJson(reader, url);

        Assert.That(Names(first), Is.EqualTo(new[] { "Spirometry", "Urinalysis" }));
        Assert.That(Names(again), Is.EqualTo(Names(first)));
    }

    [Test]
    public async Task A_repeated_read_pages_by_the_size_each_request_prefers()
    {
        using var reader = await SignedInAs("Reader");
        const string url = "/odata/DiagnosticTests?$orderby=Name&$top=4";
        using var response = await Repeat(reader, url, headers => headers.Add("Prefer", "odata.maxpagesize=2"));
        var page = await ReadJson(response);

        Assert.That(Names(page), Is.EqualTo(new[] { "Chest X-ray", "Complete blood count" }));
        Assert.That(NextLink(page), Does.Contain("$skip=2"));
    }

    [Test]
    public async Task A_repeated_read_asking_for_full_metadata_gets_it()
    {
        using var reader = await SignedInAs("Reader");
        const string url = "/odata/Tags?$filter=Name eq 'fever'";
        using var response = await Repeat(reader, url, headers => headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/json;odata.metadata=full")));
        var page = await ReadJson(response);

        Assert.That(response.Content.Headers.ContentType?.ToString(), Does.Contain("odata.metadata=full"));
        Assert.That(page.GetProperty("value")[0].TryGetProperty("@odata.id", out _), Is.True);
    }

    [Test]
    public async Task A_repeated_filter_on_now_compares_with_the_time_of_each_request()
    {
        using var reader = await SignedInAs("Reader");
        const string url = "/odata/DiagnosticTests?$filter=CreatedAt lt now()&$count=true";
        var before = await GetJson(reader, url);

        await ExecuteSql("""
            INSERT INTO "DiagnosticTests" ("Name", "Category", "ApplicableSex", "CreatedAt", "UpdatedAt")
            VALUES ('Ferritin', 'Laboratory', 'Any', now(), now())
            """);
        var after = await GetJson(reader, url);

        Assert.That(before.GetProperty("@odata.count").GetInt64(), Is.EqualTo(5));
        Assert.That(after.GetProperty("@odata.count").GetInt64(), Is.EqualTo(6));
        Assert.That(Names(after), Does.Contain("Ferritin"));
    }

    /// <summary>Reads the URL plainly, so that it is bound and kept, then again with other request headers.</summary>
    private static async Task<HttpResponseMessage> Repeat(HttpClient client, string url, Action<HttpRequestHeaders> withHeaders)
    {
        await GetJson(client, url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        withHeaders(request.Headers);
        return await client.SendAsync(request);
    }
}
