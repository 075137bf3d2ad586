using System.Net;
using System.Net.Http.Headers;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.Caching;

/// <summary>Strong ETags on OData reads: a client that holds the current bytes gets 304 and no body.</summary>
public sealed class EntityTagTests : ApiTestBase
{
    [TestCase("/odata/Tags")]
    [TestCase("/odata/Tags(1)")]
    [TestCase("/odata/Me")]
    public async Task A_read_with_the_current_ETag_answers_304_without_a_body(string url)
    {
        using var client = await SignedInAs("Editor");
        using var created = await PostJson(client, "/odata/Tags", new { Name = "fever" });
        using var first = await client.GetAsync(url);
        var etag = first.Headers.ETag;

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag!);
        using var second = await client.SendAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(etag, Is.Not.Null);
            Assert.That(etag!.IsWeak, Is.False, "a strong ETag");
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(await second.Content.ReadAsStringAsync(), Is.Empty);
            Assert.That(second.Headers.ETag, Is.EqualTo(etag));
        }
    }

    [Test]
    public async Task After_a_change_the_old_ETag_gets_the_new_representation()
    {
        using var client = await SignedInAs("Editor");
        using var created = await PostJson(client, "/odata/Tags", new { Name = "fever" });
        using var before = await client.GetAsync("/odata/Tags");
        using var renamed = await PatchJson(client, "/odata/Tags(1)", new { Name = "pyrexia" });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/odata/Tags");
        request.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var after = await client.SendAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(after.Headers.ETag, Is.Not.EqualTo(before.Headers.ETag));
            Assert.That(await after.Content.ReadAsStringAsync(), Does.Contain("pyrexia"));
        }
    }

    [Test]
    public async Task The_ETag_is_the_same_function_of_the_bytes_in_every_version_and_replica()
    {
        // Clients keep ETags across a deployment, and replicas of mixed versions answer one client: the tag must stay
        // the quoted base64url of the first 18 bytes of the body's SHA-256.
        using var client = await SignedInAs("Reader");

        using var response = await client.GetAsync("/odata/Tags");
        var body = await response.Content.ReadAsByteArrayAsync();

        var expected = "\"" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(body)[..18]).Replace('+', '-').Replace('/', '_') + "\"";
        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo(expected));
    }

    [Test]
    public async Task A_different_ETag_gets_the_full_response()
    {
        using var client = await SignedInAs("Reader");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/odata/Tags");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));

        using var response = await client.SendAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"value\""));
        }
    }
}
