using System.Net;
using System.Text.Json;
using DiagnosticTests.Tests.Deployment;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.Clients;

/// <summary>
/// A third-party OData v4 client library from npm (@odata/client, see ClientTools/client-check.mjs) against the
/// real API on Kestrel, signed in as Excel and Power BI are: with a personal access token of an Editor, as the
/// Basic password and as ?api-key=. The script's checks: $filter with any/in, $expand, $count, server paging
/// followed to the end with Prefer: odata.maxpagesize=2, Me, Recommend with a parameter alias, writes refused.
/// </summary>
public sealed class ODataClientLibraryTests : ApiTestBase
{
    /// <summary>Each test with its tags; the ones tagged fever or cough fill three pages of two.</summary>
    private static readonly (string Name, string[] Tags)[] Catalogue =
    [
        ("Complete blood count", ["fever", "fatigue"]),
        ("Chest X-ray", ["cough", "fever", "shortness of breath"]),
        ("Urinalysis", ["dysuria"]),
        ("Spirometry", ["cough", "shortness of breath"]),
        ("Blood culture", ["fever"]),
        ("Sputum culture", ["cough"]),
    ];

    private KestrelApi? _api;

    [OneTimeSetUp]
    public async Task StartApiAndInstallTools()
    {
        if (await NodeTools.WhyNodeIsUnavailableAsync() is { } reason)
        {
            Assert.Ignore(reason);
        }

        await NodeTools.EnsureInstalledAsync();
        _api = await KestrelApi.StartAsync(Harness.ConnectionString);
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
            _api = null;
        }
    }

    [Test]
    public async Task An_npm_OData_client_with_a_personal_access_token_queries_pages_calls_Recommend_and_cannot_write()
    {
        await SeedCatalogueAsEditor();
        var (email, token) = await EditorWithAccessToken();

        var (exitCode, output) = await NodeTools.RunScriptAsync("client-check.mjs", new Dictionary<string, string>
        {
            ["DT_ODATA_URL"] = new Uri(Api.Address, "/odata").ToString(),
            ["DT_TOKEN"] = token,
            ["DT_EXPECT_EMAIL"] = email,
            ["DT_EXPECT_MATCHES"] = JsonSerializer.Serialize(Catalogue.Where(t => t.Tags.Intersect(["fever", "cough"]).Any()).Select(t => t.Name)),
            // Every fever test scores 1; fewer tags first.
            ["DT_EXPECT_RECOMMEND"] = JsonSerializer.Serialize(new[] { "Blood culture", "Complete blood count", "Chest X-ray" }),
        }, TimeSpan.FromMinutes(2));

        await TestContext.Out.WriteLineAsync(output);
        Assert.That(exitCode, Is.Zero, $"node client-check.mjs failed:\n{output}");
    }

    private KestrelApi Api => _api ?? throw new InvalidOperationException("The API is not running.");

    private static async Task SeedCatalogueAsEditor()
    {
        using var editor = await SignedInAs("Editor");
        foreach (var (name, tags) in Catalogue)
        {
            using var created = await PostJson(editor, "/odata/DiagnosticTests", new
            {
                Name = name,
                Category = "Laboratory",
                Tags = tags.Select(tag => new { Name = tag }),
            });
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        }
    }

    /// <summary>An Editor, so a refused write shows the token is read-only rather than the role.</summary>
    private static async Task<(string Email, string Token)> EditorWithAccessToken()
    {
        using var editor = await SignedInAs("Editor");
        using var me = await editor.GetAsync(new Uri("/odata/Me", UriKind.Relative));
        var email = (await ReadJson(me)).GetProperty("Email").GetString()!;

        using var created = await PostJson(editor, "/api/auth/personal-access-tokens", new { name = "client library check", expiresInDays = 1 });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        return (email, (await ReadJson(created)).GetProperty("token").GetString()!);
    }
}
