using System.Net;
using DiagnosticTests.Tests.Deployment;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.Caching;

/// <summary>
/// An OData read is buffered whole for its ETag, so it goes out with its Content-Length rather than in chunks. Checked
/// on real Kestrel: the in-memory test server reports a length for any body.
/// </summary>
public sealed class ContentLengthTests : ApiTestBase
{
    private KestrelApi? _api;

    [OneTimeSetUp]
    public async Task StartApi() => _api = await KestrelApi.StartAsync(Harness.ConnectionString);

    [OneTimeTearDown]
    public async Task StopApi()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    [TestCase("/odata/Tags")]
    [TestCase("/odata/Tags(1)")]
    [TestCase("/odata/DiagnosticTests?$expand=Tags&$filter=Tags/any(t: t/Name eq 'fever')")]
    public async Task A_read_states_its_length_instead_of_being_sent_in_chunks(string url)
    {
        using var editor = await SignedInAs("Editor");
        using var created = await PostJson(editor, "/odata/Tags", new { Name = "fever" });
        using var client = new HttpClient { BaseAddress = _api!.Address };
        client.DefaultRequestHeaders.Authorization = editor.DefaultRequestHeaders.Authorization;

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsByteArrayAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.TransferEncodingChunked, Is.Not.True);
            Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(body.Length));
            Assert.That(body, Is.Not.Empty);
        }
    }
}
