using System.Net;
using System.Text;
using System.Text.Json;

namespace DiagnosticTests.Tests.Querying;

/// <summary>POST /odata/$batch: each part is authenticated and authorised like a single request; at most 20 parts (API.md, Querying).</summary>
public sealed class BatchTests : CatalogueTestBase
{
    [SetUp]
    public Task Seed() => SeedCatalogue();

    [Test]
    public async Task A_Readers_read_part_answers_200_and_write_part_403_while_the_batch_answers_200()
    {
        using var reader = await SignedInAs("Reader");

        using var response = await PostJson(reader, "/odata/$batch", new
        {
            requests = new object[]
            {
                new { id = "1", method = "GET", url = "Tags?$select=Name&$filter=Name eq 'dysuria'" },
                CreateTagPart("2", "rash"),
            },
        });

        var parts = await Parts(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(parts["1"].GetProperty("status").GetInt32(), Is.EqualTo(200));
            Assert.That(Names(parts["1"].GetProperty("body")), Is.EqualTo(new[] { "dysuria" }));
            Assert.That(parts["2"].GetProperty("status").GetInt32(), Is.EqualTo(403));
            Assert.That(await Scalar<long>("""SELECT count(*) FROM "Tags" WHERE "Name" = 'rash'"""), Is.Zero);
        }
    }

    [Test]
    public async Task Tag_searches_in_separate_parts_each_find_their_own_tests()
    {
        using var reader = await SignedInAs("Reader");

        using var response = await PostJson(reader, "/odata/$batch", new
        {
            requests = new object[]
            {
                new { id = "1", method = "GET", url = "DiagnosticTests?$filter=Tags/any(t: t/Name eq 'fever') and Tags/any(t: t/Name eq 'cough')" },
                new { id = "2", method = "GET", url = "DiagnosticTests?$filter=Tags/any(t: t/Name in ('dysuria','fatigue'))&$orderby=Name" },
            },
        });

        var parts = await Parts(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Names(parts["1"].GetProperty("body")), Is.EqualTo(new[] { "Chest X-ray" }));
            Assert.That(Names(parts["2"].GetProperty("body")), Is.EqualTo(new[] { "Complete blood count", "Urinalysis" }));
        }
    }

    [Test]
    public async Task An_Editors_write_part_answers_201_and_creates_the_tag()
    {
        using var editor = await SignedInAs("Editor");

        using var response = await PostJson(editor, "/odata/$batch", new { requests = new[] { CreateTagPart("1", "rash") } });

        var parts = await Parts(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(parts["1"].GetProperty("status").GetInt32(), Is.EqualTo(201));
            Assert.That(await Scalar<long>("""SELECT count(*) FROM "Tags" WHERE "Name" = 'rash'"""), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Every_part_of_an_anonymous_batch_answers_401()
    {
        using var anonymous = Anonymous();

        using var response = await PostJson(anonymous, "/odata/$batch", new
        {
            requests = new object[]
            {
                new { id = "1", method = "GET", url = "Tags?$select=Name" },
                new { id = "2", method = "GET", url = "DiagnosticTests" },
                CreateTagPart("3", "rash"),
            },
        });

        var parts = await Parts(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(parts.Keys, Is.EquivalentTo(new[] { "1", "2", "3" }));
            Assert.That(parts.Values.Select(p => p.GetProperty("status").GetInt32()), Has.All.EqualTo(401));
            Assert.That(await Scalar<long>("""SELECT count(*) FROM "Tags" WHERE "Name" = 'rash'"""), Is.Zero);
        }
    }

    [Test]
    public async Task A_batch_of_21_parts_is_refused_naming_the_limit_of_20()
    {
        using var reader = await SignedInAs("Reader");
        var requests = Enumerable.Range(1, 21).Select(i => new { id = $"{i}", method = "GET", url = "Tags" }).ToArray();

        using var response = await PostJson(reader, "/odata/$batch", new { requests });

        var (status, body, _, message) = await ReadError(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(message, Does.Match(@"\b20\b"), body);
            Assert.That(body, Does.Not.Contain("StackTrace").IgnoreCase.And.Not.Contain("innererror").IgnoreCase);
        }
    }

    [Test]
    public async Task A_multipart_batch_with_one_read_answers_that_read()
    {
        using var reader = await SignedInAs("Reader");
        const string Batch = """
            --batch_one
            Content-Type: application/http
            Content-Transfer-Encoding: binary

            GET Tags?$select=Name&$filter=Name%20eq%20'dysuria' HTTP/1.1
            Accept: application/json


            --batch_one--

            """;
        using var content = new StringContent(Batch.ReplaceLineEndings("\r\n"), Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("multipart/mixed");
        content.Headers.ContentType.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("boundary", "batch_one"));

        using var response = await reader.PostAsync("/odata/$batch", content);

        var body = await response.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("multipart/mixed"));
            Assert.That(body, Does.Contain("HTTP/1.1 200 OK"));
            Assert.That(body, Does.Contain("\"Name\":\"dysuria\""));
        }
    }

    private static object CreateTagPart(string id, string name) => new
    {
        id,
        method = "POST",
        url = "Tags",
        headers = new Dictionary<string, string> { ["content-type"] = "application/json", ["accept"] = "application/json" },
        body = new { Name = name, Category = "Symptom" },
    };

    /// <summary>The parts of a JSON batch response by id.</summary>
    private static async Task<Dictionary<string, JsonElement>> Parts(HttpResponseMessage response)
    {
        var batch = await ReadJson(response);
        Assert.That(batch.TryGetProperty("responses", out var responses), Is.True, batch.ToString());
        return responses.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r);
    }
}
