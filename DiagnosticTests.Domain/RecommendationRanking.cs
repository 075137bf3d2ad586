namespace DiagnosticTests.Domain;

/// <summary>
/// The ranking rule: score = matched / requested tags; higher scores first, then more specific tests
/// (fewer tags in all), then name. Applicability (sex, age) is a hard filter applied before ranking.
/// </summary>
public static class RecommendationRanking
{
    public static IReadOnlyList<Recommendation> Rank(IEnumerable<RecommendationCandidate> candidates, IReadOnlyCollection<string> requestedTags)
    {
        ArgumentOutOfRangeException.ThrowIfZero(requestedTags.Count);
        var requested = new HashSet<string>(requestedTags, TagName.Comparer);

        return candidates
            .Select(c => (Candidate: c, Matched: c.MatchedTags.Where(requested.Contains).Distinct(TagName.Comparer).Order(TagName.Comparer).ToList()))
            .Where(c => c.Matched.Count > 0)
            .Select(c => (c.Candidate, c.Matched, Score: (double)c.Matched.Count / requested.Count))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Candidate.TagCount)
            .ThenBy(c => c.Candidate.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Candidate.Id)
            .Select(c => new Recommendation
            {
                DiagnosticTestId = c.Candidate.Id,
                Name = c.Candidate.Name,
                Code = c.Candidate.Code,
                Category = c.Candidate.Category,
                Score = c.Score,
                MatchedTags = c.Matched,
            })
            .ToList();
    }
}
