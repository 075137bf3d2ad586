using System.Net;
using System.Text.Json;
using DiagnosticTests.Api.Data.Changes;
using DiagnosticTests.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DiagnosticTests.Tests.Catalogue.ImportExport;

/// <summary>An import commits through EF like any write, so it must move the data versions that key the response cache.</summary>
public sealed class ImportCachingTests : ImportExportTestBase
{
    [Test]
    public async Task An_import_is_visible_on_the_next_cached_read()
    {
        await using var factory = new ApiFactory(Harness.ConnectionString, new Dictionary<string, string?> { ["Caching:Enabled"] = "true" });
        using var editor = await SignedInAs("Editor");
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = editor.DefaultRequestHeaders.Authorization;
        const string url = "/odata/DiagnosticTests?$select=Name";
        await WaitUntilCachingIsOn(factory);
        var before = await NamesAt(client, url);
        var cached = await NamesAt(client, url);

        using var imported = await PostCatalogue(client, RichCatalogue);
        // No polling: the version moves when the import commits in this process, not when a notification arrives.
        var after = await NamesAt(client, url);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(imported.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyOf(imported));
            Assert.That(before, Is.Empty);
            Assert.That(cached, Is.Empty);
            Assert.That(after, Is.EquivalentTo(new[] { "Ferritin", "Prenatal screen", "Chest X-ray" }));
        }
    }

    private static async Task WaitUntilCachingIsOn(ApiFactory factory)
    {
        var versions = factory.Services.GetRequiredService<DataVersions>();
        for (var attempt = 0; attempt < 100 && !versions.IsTracking; attempt++)
        {
            await Task.Delay(50);
        }

        Assert.That(versions.IsTracking, Is.True, "the service should be listening for changes");
    }

    private static async Task<List<string>> NamesAt(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. body.RootElement.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("Name").GetString()!)];
    }
}
