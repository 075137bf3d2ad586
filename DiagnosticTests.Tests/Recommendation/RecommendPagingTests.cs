using System.Text.Json;
using DiagnosticTests.Domain;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.Recommendation;

/// <summary>
/// Recommend reads the tests matching two or more tags and those matching one separately; every page, at every
/// offset, must still be the slice of the domain's ranking of the whole catalogue. A generated catalogue (fixed
/// seed, skewed tags, shared tag counts so names decide ties, sex and age limits) is ranked in memory with
/// <see cref="RecommendationRanking.Rank"/> and compared page by page with the service.
/// </summary>
public sealed class RecommendPagingTests : ApiTestBase
{
    private static readonly string[] TagNames = ["fever", "cough", "rash", "fatigue", "headache", "nausea"];

    private sealed record SeededTest(string Name, string Sex, int? MinAge, int? MaxAge, string[] Tags);

    private static List<SeededTest> Generate()
    {
        var random = new Random(20261124);
        return [.. Enumerable.Range(1, 60).Select(i => new SeededTest(
            $"Test {i:D2}",
            random.Next(5) switch { 0 => Sex.Female, 1 => Sex.Male, _ => Sex.Any },
            random.Next(4) == 0 ? 40 : null,
            random.Next(4) == 0 ? 60 : null,
            // Skewed: fever is on most tests, nausea on few; one to four tags each.
            [.. Enumerable.Range(0, 1 + random.Next(4)).Select(_ => TagNames[(int)(TagNames.Length * Math.Pow(random.NextDouble(), 2))]).Distinct()]))];
    }

    private static async Task<Dictionary<string, int>> Seed(List<SeededTest> tests)
    {
        await ExecuteSql("""INSERT INTO "Tags" ("Name", "Category") SELECT unnest(@names), 'Symptom'""", ("names", TagNames));
        await ExecuteSql(
            """
            INSERT INTO "DiagnosticTests" ("Name", "Category", "ApplicableSex", "MinAgeYears", "MaxAgeYears", "CreatedAt", "UpdatedAt")
            SELECT name, 'Laboratory', sex, min_age, max_age, now(), now()
            FROM unnest(@names, @sexes, @minAges, @maxAges) AS s(name, sex, min_age, max_age)
            """,
            ("names", tests.Select(t => t.Name).ToArray()),
            ("sexes", tests.Select(t => t.Sex).ToArray()),
            ("minAges", tests.Select(t => t.MinAge).ToArray()),
            ("maxAges", tests.Select(t => t.MaxAge).ToArray()));
        var links = tests.SelectMany(t => t.Tags.Select(tag => (Test: t.Name, Tag: tag))).ToList();
        await ExecuteSql(
            """
            INSERT INTO "DiagnosticTestTags" ("DiagnosticTestId", "TagId")
            SELECT d."Id", g."Id" FROM unnest(@tests, @tags) AS l(test, tag)
            JOIN "DiagnosticTests" d ON d."Name" = l.test JOIN "Tags" g ON g."Name" = l.tag
            """,
            ("tests", links.Select(l => l.Test).ToArray()),
            ("tags", links.Select(l => l.Tag).ToArray()));

        var ids = new Dictionary<string, int>();
        foreach (var test in tests)
        {
            ids[test.Name] = await Scalar<int>("""SELECT "Id" FROM "DiagnosticTests" WHERE "Name" = @name""", ("name", test.Name));
        }

        return ids;
    }

    private static IReadOnlyList<DiagnosticTests.Domain.Recommendation> Expected(
        List<SeededTest> tests, Dictionary<string, int> ids, string[] tags, string? sex, int? age) =>
        RecommendationRanking.Rank(
            tests.Where(t => Applicability.Matches(t.Sex, t.MinAge, t.MaxAge, sex, age))
                .Select(t => new RecommendationCandidate(ids[t.Name], t.Name, null, "Laboratory", t.Tags.Length, t.Tags)),
            tags);

    /// <summary>A page of <paramref name="size"/> (the client's preferred page size, so a next link says whether more follow).</summary>
    private static HttpRequestMessage Page(string[] tags, string? sex, int? age, int size, int skip)
    {
        var request = new HttpRequestMessage(HttpMethod.Get,
            $"/odata/DiagnosticTests/Recommend(tags=@t,sex=@s,age=@a)?@t={JsonSerializer.Serialize(tags)}"
            + $"&@s={(sex is null ? "null" : $"'{sex}'")}&@a={(age is null ? "null" : age)}&$skip={skip}&$count=true");
        request.Headers.Add("Prefer", $"odata.maxpagesize={size}");
        return request;
    }

    [TestCase(new[] { "fever" }, null, null)]
    [TestCase(new[] { "nausea", "fever" }, "Female", 54)]
    [TestCase(new[] { "fever", "cough", "rash" }, "Female", 54)]
    [TestCase(new[] { "fever", "cough", "rash" }, "Male", 30)]
    [TestCase(new[] { "cough", "fatigue", "headache", "nausea" }, null, 65)]
    [TestCase(new[] { "fever", "cough", "rash", "fatigue", "headache" }, "Female", 54)]
    public async Task Every_page_is_the_slice_of_the_whole_ranking_at_its_offset(string[] tags, string? sex, int? age)
    {
        var tests = Generate();
        var ids = await Seed(tests);
        var expected = Expected(tests, ids, tags, sex, age);
        Assert.That(expected.Select(r => r.Score).Distinct().Count(), Is.GreaterThan(tags.Length > 1 ? 1 : 0), "the ranking has tiers to cross");
        using var reader = await SignedInAs("Reader");

        foreach (var size in new[] { 1, 4, 7 })
        {
            for (var skip = 0; skip <= expected.Count + 1; skip += size + 1)
            {
                using var request = Page(tags, sex, age, size, skip);
                using var response = await reader.SendAsync(request);
                var body = await ReadJson(response);
                var page = body.GetProperty("value").EnumerateArray().Select(r => (
                    Id: r.GetProperty("DiagnosticTestId").GetInt32(),
                    Score: r.GetProperty("Score").GetDouble(),
                    Matched: string.Join(",", r.GetProperty("MatchedTags").EnumerateArray().Select(m => m.GetString())))).ToList();
                var slice = expected.Skip(skip).Take(size).Select(r => (Id: r.DiagnosticTestId, r.Score, Matched: string.Join(",", r.MatchedTags))).ToList();

                using (Assert.EnterMultipleScope())
                {
                    Assert.That(page, Is.EqualTo(slice), $"page size {size}, $skip={skip}");
                    Assert.That(body.GetProperty("@odata.count").GetInt32(), Is.EqualTo(expected.Count), $"$count at $skip={skip}");
                    Assert.That(body.TryGetProperty("@odata.nextLink", out _), Is.EqualTo(skip + size < expected.Count), $"next link at page size {size}, $skip={skip}");
                }
            }
        }
    }
}
