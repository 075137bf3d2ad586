using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.Deployment;

/// <summary>
/// The deployment's reverse proxy for real: nginx running nginx/templates/default.conf.template in front of the
/// API on Kestrel, both on loopback ports, sharing the harness's PostgreSQL database. Every request goes to nginx
/// with the Host a public client would send, and the answers must be what such a client would get.
/// </summary>
public sealed class NginxProxyTests : ApiTestBase
{
    private const string PublicHostName = "diagnostics.example.org";

    // Small, so a request body over the limit is cheap to send; the auth requests stay well under it.
    private const string ClientMaxBodySize = "1k";
    private const int ClientMaxBodyBytes = 1024;

    private KestrelApi? _api;
    private NginxProcess? _nginx;

    private KestrelApi Api => _api ?? throw new InvalidOperationException("The API is not running.");

    private NginxProcess Nginx => _nginx ?? throw new InvalidOperationException("nginx is not running.");

    /// <summary>host:port as the client addressed the proxy, the authority public links must carry.</summary>
    private string PublicAuthority => $"{PublicHostName}:{Nginx.Port}";

    [OneTimeSetUp]
    public async Task StartProxyAndApi()
    {
        var (binary, reason) = await NginxProcess.FindAsync();
        if (binary is null)
        {
            Assert.Ignore($"nginx is not installed and could not be installed: {reason}");
        }

        // No ForwardedHeaders:KnownNetworks: the API trusts loopback out of the box, and nginx reaches it on loopback.
        _api = await KestrelApi.StartAsync(Harness.ConnectionString);
        try
        {
            _nginx = await NginxProcess.StartAsync(
                binary, apiUpstream: $"127.0.0.1:{Api.Address.Port}", serverName: PublicHostName, clientMaxBodySize: ClientMaxBodySize);
        }
        catch
        {
            await StopProxyAndApi();
            throw;
        }
    }

    [OneTimeTearDown]
    public async Task StopProxyAndApi()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
            _nginx = null;
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
            _api = null;
        }
    }

    [Test]
    public async Task A_signed_in_reader_queries_the_catalogue_through_the_proxy()
    {
        await InsertTests(2);
        using var reader = await ReaderThroughProxy();

        using var response = await reader.GetAsync(new Uri("/odata/DiagnosticTests?$top=1&$orderby=Name", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await Describe(response));
        var values = (await ReadJson(response)).GetProperty("value");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(values.GetArrayLength(), Is.EqualTo(1));
            Assert.That(values[0].GetProperty("Name").GetString(), Is.EqualTo("Proxy test 1"));
        }
    }

    [Test]
    public async Task Next_links_carry_the_proxys_public_scheme_host_and_port()
    {
        await InsertTests(3);
        using var reader = await ReaderThroughProxy();

        var firstPage = await GetPage(reader, "/odata/DiagnosticTests?$orderby=Name");

        var nextLink = firstPage.GetProperty("@odata.nextLink").GetString();
        var context = firstPage.GetProperty("@odata.context").GetString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(firstPage.GetProperty("value").GetArrayLength(), Is.EqualTo(2));
            Assert.That(nextLink, Does.StartWith($"http://{PublicAuthority}/odata/DiagnosticTests?"));
            Assert.That(context, Does.StartWith($"http://{PublicAuthority}/odata/$metadata#DiagnosticTests"));
        }

        // The link works when followed through the proxy, and the last page has none.
        var secondPage = await GetPage(reader, new Uri(nextLink!).PathAndQuery);
        var names = secondPage.GetProperty("value").EnumerateArray().Select(t => t.GetProperty("Name").GetString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(names, Is.EqualTo(new[] { "Proxy test 3" }));
            Assert.That(secondPage.TryGetProperty("@odata.nextLink", out _), Is.False);
        }
    }

    [Test]
    public async Task Forwarded_headers_sent_by_the_client_are_replaced_by_the_proxy()
    {
        // The API trusts X-Forwarded-* from nginx (loopback), so nginx must overwrite what a client claims.
        await InsertTests(3);
        using var reader = await ReaderThroughProxy();
        reader.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example");
        reader.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var page = await GetPage(reader, "/odata/DiagnosticTests?$orderby=Name");

        Assert.That(page.GetProperty("@odata.nextLink").GetString(), Does.StartWith($"http://{PublicAuthority}/odata/"));
    }

    [Test]
    public async Task A_body_over_the_size_limit_is_refused_by_the_proxy()
    {
        using var client = Proxy();
        var email = $"big-{Guid.NewGuid():N}@example.com";

        using var response = await PostJson(client, "/api/auth/register", new { email, password = Password, name = new string('x', 2 * ClientMaxBodyBytes) });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), await Describe(response));
        // nginx answered on its own: the API never saw the request.
        var users = await Scalar<long>("""SELECT count(*) FROM "Users" """);
        Assert.That(users, Is.Zero);
    }

    [Test]
    public async Task OData_json_is_gzip_compressed_when_the_client_accepts_it()
    {
        // Long descriptions make the page larger than gzip_min_length (1024 bytes).
        await InsertTests(3, description: new string('d', 600));
        using var reader = await ReaderThroughProxy();

        using var plain = await reader.GetAsync(new Uri("/odata/DiagnosticTests", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/odata/DiagnosticTests");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var compressed = await reader.SendAsync(request);

        Assert.That(compressed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await Describe(compressed));
        var body = await Gunzip(compressed);
        using (Assert.EnterMultipleScope())
        {
            // OData's media type carries parameters (odata.metadata=...), which gzip_types must still match.
            Assert.That(compressed.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(compressed.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "gzip" }));
            Assert.That(compressed.Headers.Vary, Does.Contain("Accept-Encoding"));
            Assert.That(plain.Content.Headers.ContentEncoding, Is.Empty, "Without Accept-Encoding the body stays plain");
        }

        using var document = JsonDocument.Parse(body);
        Assert.That(document.RootElement.GetProperty("value").GetArrayLength(), Is.EqualTo(3));
    }

    [Test]
    public async Task The_metadata_document_is_gzip_compressed_when_the_client_accepts_it()
    {
        using var client = Proxy();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/odata/$metadata");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await Describe(response));
        Assert.That(response.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "gzip" }));
        var metadata = XDocument.Parse(await Gunzip(response));
        Assert.That(metadata.Root?.Name.LocalName, Is.EqualTo("Edmx"));
    }

    [Test]
    public async Task The_readiness_probe_passes_through_the_proxy()
    {
        using var client = Proxy();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await Describe(response));
        var health = await ReadJson(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(health.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
            Assert.That(health.GetProperty("checks").GetProperty("database").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        }
    }

    [TestCase("/health/live", HttpStatusCode.OK, TestName = "Security headers are set on a successful response")]
    [TestCase("/odata/DiagnosticTests", HttpStatusCode.Unauthorized, TestName = "Security headers are set on an error response of the API")]
    [TestCase("/api/auth/register", HttpStatusCode.RequestEntityTooLarge, TestName = "Security headers are set on an error response of the proxy itself")]
    public async Task Security_headers_are_set(string path, HttpStatusCode expectedStatus)
    {
        using var client = Proxy();
        using var response = expectedStatus == HttpStatusCode.RequestEntityTooLarge
            ? await client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(new string('x', 2 * ClientMaxBodyBytes), Encoding.UTF8, "application/json"))
            : await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(expectedStatus), await Describe(response));
        using (Assert.EnterMultipleScope())
        {
            // Exactly once each: the API adding its own would send two, and browsers treat duplicates differently.
            Assert.That(HeaderValues(response, "X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(HeaderValues(response, "X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
            Assert.That(HeaderValues(response, "Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
            Assert.That(HeaderValues(response, "Content-Security-Policy"), Has.Exactly(1).Contains("frame-ancestors 'none'"));
            // server_tokens off: no version, and not the API's "Kestrel".
            Assert.That(response.Headers.Server.ToString(), Is.EqualTo("nginx"));
        }
    }

    /// <summary>A client of the proxy as a public client would address it; no automatic decompression, so encodings show.</summary>
    private HttpClient Proxy()
    {
        var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Nginx.Port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Host = PublicAuthority;
        return client;
    }

    /// <summary>A new Reader, registered and signed in through the proxy.</summary>
    private async Task<HttpClient> ReaderThroughProxy()
    {
        var email = $"reader-{Guid.NewGuid():N}@example.com";
        using var anonymous = Proxy();
        using var registered = await PostJson(anonymous, "/api/auth/register", new { email, password = Password, name = "Proxy Reader" });
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"register: {await Describe(registered)}");
        using var token = await PostJson(anonymous, "/api/auth/token", new { email, password = Password });
        Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"token: {await Describe(token)}");

        var client = Proxy();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await ReadJson(token)).GetProperty("access_token").GetString());
        return client;
    }

    /// <summary>One page of at most two entities, asked for with the standard OData preference.</summary>
    private async Task<JsonElement> GetPage(HttpClient client, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Add("Prefer", "odata.maxpagesize=2");
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await Describe(response));
        return await ReadJson(response);
    }

    /// <summary>Tests named "Proxy test 1" to "Proxy test N".</summary>
    private static async Task InsertTests(int count, string? description = null)
    {
        for (var i = 1; i <= count; i++)
        {
            await ExecuteSql(
                """
                INSERT INTO "DiagnosticTests" ("Name", "Category", "Description", "CreatedAt", "UpdatedAt")
                VALUES (@name, 'Blood', @description, now(), now())
                """,
                ("name", $"Proxy test {i}"),
                ("description", description));
        }
    }

    private static async Task<string> Gunzip(HttpResponseMessage response)
    {
        await using var compressed = await response.Content.ReadAsStreamAsync();
        await using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static string[] HeaderValues(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.ToArray() : [];

    private async Task<string> Describe(HttpResponseMessage response)
    {
        var body = response.Content.Headers.ContentEncoding.Count > 0 ? "(compressed)" : await response.Content.ReadAsStringAsync();
        return $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {body}\nnginx error.log:\n{Nginx.ErrorLog()}";
    }
}
