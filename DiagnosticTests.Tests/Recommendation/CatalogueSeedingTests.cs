using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.Recommendation;

/// <summary>
/// Seed:Catalogue loads the shipped catalogue into an empty database on start-up. Each test starts its own
/// app on the (freshly emptied) test database; the shared app was started with Seed:Catalogue=false.
/// </summary>
public sealed class CatalogueSeedingTests : ApiTestBase
{
    private static readonly Dictionary<string, string?> SeedOn = new() { ["Seed:Catalogue"] = "true" };
    private static readonly Dictionary<string, string?> SeedOff = new() { ["Seed:Catalogue"] = "false" };

    private sealed record Counts(long Tests, long Tags, long Links);

    /// <summary>The catalogue the service ships, as copied next to the test assembly by the Api project reference.</summary>
    private static JsonElement ShippedCatalogue()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "Catalogue", "catalogue.json");
        Assert.That(File.Exists(path), Is.True, $"The shipped catalogue should be copied to the build output: {path}");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    private static Counts ShippedCounts()
    {
        var catalogue = ShippedCatalogue();
        var tests = catalogue.GetProperty("diagnosticTests").EnumerateArray().ToList();
        var links = tests.Sum(t => t.GetProperty("tags").EnumerateArray()
            .Select(tag => tag.GetString()!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        return new Counts(tests.Count, catalogue.GetProperty("tags").GetArrayLength(), links);
    }

    private static async Task<Counts> DatabaseCounts() => new(
        await Scalar<long>("""SELECT count(*) FROM "DiagnosticTests" """),
        await Scalar<long>("""SELECT count(*) FROM "Tags" """),
        await Scalar<long>("""SELECT count(*) FROM "DiagnosticTestTags" """));

    /// <summary>Starts an app with <paramref name="settings"/> on the test database (the host starts on the first client) and stops it.</summary>
    private static async Task StartAndStop(IReadOnlyDictionary<string, string?> settings)
    {
        await using var factory = new ApiFactory(Harness.ConnectionString, settings);
        using var client = factory.CreateClient();
        using var live = await client.GetAsync("/health/live");
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "The app with the catalogue setting should start");
    }

    [Test]
    public async Task Starting_with_Seed_Catalogue_on_an_empty_database_loads_the_shipped_catalogue()
    {
        await StartAndStop(SeedOn);

        Assert.That(await DatabaseCounts(), Is.EqualTo(ShippedCounts()));
    }

    [Test]
    public async Task Starting_a_second_time_does_not_load_the_catalogue_again()
    {
        await StartAndStop(SeedOn);
        var afterFirstStart = await DatabaseCounts();

        await StartAndStop(SeedOn);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterFirstStart.Tests, Is.GreaterThan(0), "the first start loads the catalogue");
            Assert.That(await DatabaseCounts(), Is.EqualTo(afterFirstStart));
        }
    }

    [Test]
    public async Task Starting_with_Seed_Catalogue_false_loads_nothing()
    {
        await StartAndStop(SeedOff);

        Assert.That(await DatabaseCounts(), Is.EqualTo(new Counts(0, 0, 0)));
    }

    [Test]
    public async Task A_seeded_catalogue_recommends_tests_carrying_both_fever_and_cough()
    {
        await using var factory = new ApiFactory(Harness.ConnectionString, SeedOn);
        using var client = factory.CreateClient();
        const string email = "gp@example.com";
        using (var registered = await PostJson(client, "/api/auth/register", new { email, password = Password, name = "A GP" }))
        {
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());
        }

        using (var token = await PostJson(client, "/api/auth/token", new { email, password = Password }))
        {
            var accessToken = (await ReadJson(token)).GetProperty("access_token").GetString();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        using var response = await client.GetAsync(
            """/odata/DiagnosticTests/Recommend(tags=@t,sex=@s,age=@a)?@t=["fever","cough"]&@s='Female'&@a=54""");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var matchedTagSets = (await ReadJson(response)).GetProperty("value").EnumerateArray()
            .Select(r => r.GetProperty("MatchedTags").EnumerateArray().Select(t => t.GetString()!.ToLowerInvariant()).ToHashSet())
            .ToList();

        Assert.That(matchedTagSets, Has.Some.Matches<HashSet<string>>(tags => tags.SetEquals(["fever", "cough"])));
    }
}
