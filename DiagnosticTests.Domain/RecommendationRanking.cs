namespace DiagnosticTests.Domain;

/// <summary>
/// The ranking rule: score = matched / requested tags; higher scores first, then more specific tests
/// (fewer tags in all), then name. Applicability (sex, age) is a hard filter applied before ranking.
/// </summary>
public static class RecommendationRanking
{
    /// <summary>
    /// The order of the rule as a query, so a database can rank and page (the requested count is the same
    /// for every row, so more matched tags is a higher score). <see cref="Rank"/> uses it too.
    /// </summary>
    public static IOrderedQueryable<RankingRow> Order(IQueryable<RankingRow> rows) =>
        rows.OrderByDescending(r => r.MatchedCount)
            .ThenBy(r => r.TagCount)
            .ThenBy(r => r.Name)
            .ThenBy(r => r.Id);

    /// <summary>
    /// The order among rows of one score: <see cref="Order"/> without its first key, so a database can walk
    /// an index on (tag count, name, id) when every row matched the same number of tags.
    /// </summary>
    public static IOrderedQueryable<RankingRow> OrderWithinScore(IQueryable<RankingRow> rows) =>
        rows.OrderBy(r => r.TagCount)
            .ThenBy(r => r.Name)
            .ThenBy(r => r.Id);

    public static double Score(int matchedCount, int requestedCount) => (double)matchedCount / requestedCount;

    /// <summary>Ranks candidates in memory: the same rule, for callers that already hold them.</summary>
    public static IReadOnlyList<Recommendation> Rank(IEnumerable<RecommendationCandidate> candidates, IReadOnlyCollection<string> requestedTags)
    {
        ArgumentOutOfRangeException.ThrowIfZero(requestedTags.Count);
        var requested = new HashSet<string>(requestedTags, TagName.Comparer);
        var matched = candidates.ToDictionary(
            c => c.Id,
            c => c.MatchedTags.Where(requested.Contains).Distinct(TagName.Comparer).Order(TagName.Comparer).ToList());
        var rows = candidates
            .Where(c => matched[c.Id].Count > 0)
            .Select(c => new RankingRow { Id = c.Id, Name = c.Name, Code = c.Code, Category = c.Category, MatchedCount = matched[c.Id].Count, TagCount = c.TagCount });

        return Order(rows.AsQueryable())
            .AsEnumerable()
            .Select(r => r.ToRecommendation(matched[r.Id], requested.Count))
            .ToList();
    }
}

/// <summary>A candidate reduced to what ranking needs; a class with settable members so a database query can project into it.</summary>
public sealed class RankingRow
{
    public int Id { get; init; }

    public string Name { get; init; } = "";

    public string? Code { get; init; }

    public string Category { get; init; } = "";

    /// <summary>How many requested tags the test carries: the ranking's first key. The score counts the matched tags themselves.</summary>
    public int MatchedCount { get; init; }

    public int TagCount { get; init; }

    public Recommendation ToRecommendation(IReadOnlyList<string> matchedTags, int requestedCount) => new()
    {
        DiagnosticTestId = Id,
        Name = Name,
        Code = Code,
        Category = Category,
        Score = RecommendationRanking.Score(matchedTags.Count, requestedCount),
        MatchedTags = matchedTags,
    };
}
