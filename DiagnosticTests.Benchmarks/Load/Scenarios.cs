using System.Text.Json;
using DiagnosticTests.Benchmarks.Catalogue;

namespace DiagnosticTests.Benchmarks.Load;

/// <summary>The request shapes under load, as URLs a client would send; read this file as the benchmark's spec.</summary>
public static class Scenarios
{
    public const string Sex = "Female";
    public const int Age = 54;
    public const int AllOfTop = 50;

    /// <summary>The service's default page size (Query:PageSize), which bounds Recommend's answer.</summary>
    public const int PageSize = 100;

    public static string AllOfPath(IReadOnlyList<string> tags) =>
        "odata/DiagnosticTests?$filter=" + Escape(string.Join(" and ", tags.Select(t => $"Tags/any(t: t/Name eq '{t}')")))
        + $"&$expand=Tags&$top={AllOfTop}";

    public static string AnyOfPath(IReadOnlyList<string> tags) =>
        "odata/DiagnosticTests?$filter=" + Escape($"Tags/any(t: t/Name in ({string.Join(",", tags.Select(t => $"'{t}'"))}))")
        + "&$count=true&$top=50";

    public static string RecommendPath(IReadOnlyList<string> tags) =>
        "odata/DiagnosticTests/Recommend(tags=@t,sex=@s,age=@a)?@t=" + Escape(JsonSerializer.Serialize(tags))
        + "&@s=" + Escape($"'{Sex}'") + $"&@a={Age}";

    public static string BaselineAllOfPath(IReadOnlyList<string> tags) =>
        $"baseline/all-of?tags={Escape(string.Join(",", tags))}&top={AllOfTop}";

    public static string BaselineRecommendPath(IReadOnlyList<string> tags) =>
        $"baseline/recommend?tags={Escape(string.Join(",", tags))}&sex={Sex}&age={Age}&top={PageSize}";

    public static IReadOnlyList<Scenario> ForService(Uri service, string token, ScenarioTags tags, int testCount, string? etag)
    {
        var auth = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" };
        // 64 keys spread over the catalogue, so scenario 5 is not one hot row.
        var keys = Enumerable.Range(0, 64).Select(i => 1 + (int)((i * 7919L) % testCount)).ToList();
        var writeBody = JsonSerializer.Serialize(new
        {
            Name = Scenario.NamePlaceholder,
            Code = "BENCH-1",
            Category = "Laboratory",
            Description = "Created by the load benchmark.",
            ApplicableSex = "Any",
            Price = 12.5m,
            Tags = tags.ForWrites.Select(name => new { Name = name }),
        });

        var list = new List<Scenario>
        {
            new("1", "all-of 2 common tags, $expand=Tags, $top=50", service, [AllOfPath(tags.CommonPair)], ResponseCheck.Collection, auth),
        };
        list.Add(etag is null
            ? new("1c", "scenario 1 with If-None-Match (cached)", service, [AllOfPath(tags.CommonPair)], ResponseCheck.NotModifiedOrCollection, auth)
            : new("1c", "scenario 1 with If-None-Match (cached)", service, [AllOfPath(tags.CommonPair)], ResponseCheck.NotModifiedOrCollection,
                new Dictionary<string, string>(auth) { ["If-None-Match"] = etag }));
        list.AddRange(
        [
            new("2", "all-of 2 rare tags, $expand=Tags, $top=50", service, [AllOfPath(tags.RarePair)], ResponseCheck.Collection, auth),
            new("3", "any-of 3 tags, $count=true, $top=50", service, [AnyOfPath(tags.AnyOf)], ResponseCheck.Collection, auth),
            new("4", "Recommend(3 tags, sex, age)", service, [RecommendPath(tags.Recommend)], ResponseCheck.Collection, auth),
            new("5", "by key, $expand=Tags", service, keys.Select(k => $"odata/DiagnosticTests({k})?$expand=Tags").ToList(), ResponseCheck.Entity, auth),
            new("6", "page of 100, $select 4 properties", service, ["odata/DiagnosticTests?$select=Id,Name,Code,Price"], ResponseCheck.Collection, auth),
            new("7", "create a test with 3 tags (write)", service, ["odata/DiagnosticTests"], ResponseCheck.Created, auth, "POST", writeBody),
        ]);
        return list;
    }

    /// <summary>The hand-written baselines of scenarios 1, 2 and 4; then the same behind a check of <paramref name="token"/> (B1s, B2s, B4s).</summary>
    public static IReadOnlyList<Scenario> ForBaseline(Uri baseline, ScenarioTags tags, string token)
    {
        var none = new Dictionary<string, string>();
        var auth = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" };
        return
        [
            new("B1", "baseline of 1 (hand-written SQL)", baseline, [BaselineAllOfPath(tags.CommonPair)], ResponseCheck.Collection, none, BaselineFor: "1"),
            new("B1s", "baseline of 1, signed in (JWT checked)", baseline, [SignedIn(BaselineAllOfPath(tags.CommonPair))], ResponseCheck.Collection, auth, BaselineFor: "1", SignedIn: true),
            new("B2", "baseline of 2 (hand-written SQL)", baseline, [BaselineAllOfPath(tags.RarePair)], ResponseCheck.Collection, none, BaselineFor: "2"),
            new("B2s", "baseline of 2, signed in (JWT checked)", baseline, [SignedIn(BaselineAllOfPath(tags.RarePair))], ResponseCheck.Collection, auth, BaselineFor: "2", SignedIn: true),
            new("B4", "baseline of 4 (hand-written SQL)", baseline, [BaselineRecommendPath(tags.Recommend)], ResponseCheck.Collection, none, BaselineFor: "4"),
            new("B4s", "baseline of 4, signed in (JWT checked)", baseline, [SignedIn(BaselineRecommendPath(tags.Recommend))], ResponseCheck.Collection, auth, BaselineFor: "4", SignedIn: true),
        ];
    }

    private static string SignedIn(string baselinePath) => "baseline/signed-in/" + baselinePath["baseline/".Length..];

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
