namespace DiagnosticTests.Benchmarks.Catalogue;

/// <summary>
/// The tags each scenario asks for, picked from the generated catalogue so that the requests mean the same at
/// every size: the two most common tags, a pair of rare tags that really occur together on a test or few
/// (so the all-of answer is small but not empty), and middling tags for any-of and Recommend.
/// </summary>
public sealed record ScenarioTags(
    IReadOnlyList<string> CommonPair,
    int CommonPairMatches,
    IReadOnlyList<string> RarePair,
    int RarePairMatches,
    IReadOnlyList<string> AnyOf,
    int AnyOfMatches,
    IReadOnlyList<string> Recommend,
    int RecommendCandidates,
    IReadOnlyList<string> ForWrites)
{
    public static ScenarioTags Choose(SyntheticCatalogue catalogue)
    {
        var tagCount = catalogue.Tags.Count;
        string Name(int rank) => SyntheticCatalogue.TagName(rank);
        int Matches(Func<int[], bool> predicate) => catalogue.Tests.Count(t => predicate(t.TagIds));

        // The rarest pair (largest rank sum) of tail tags that some test carries together.
        var tail = tagCount / 2;
        var rare = catalogue.Tests
            .SelectMany(t => t.TagIds.Where(id => id > tail).SelectMany(a => t.TagIds.Where(b => b > a && b > tail).Select(b => (A: a, B: b))))
            .OrderByDescending(p => p.A + p.B).ThenBy(p => p.A)
            .Select(p => ((int A, int B)?)p)
            .FirstOrDefault()
            ?? (tagCount - 1, tagCount);

        int[] anyOf = [3, Math.Min(10, tagCount), Math.Min(50, tagCount)];
        int[] recommend = [5, Math.Min(25, tagCount), Math.Min(125, tagCount)];
        return new ScenarioTags(
            [Name(1), Name(2)],
            Matches(ids => ids.Contains(1) && ids.Contains(2)),
            [Name(rare.A), Name(rare.B)],
            Matches(ids => ids.Contains(rare.A) && ids.Contains(rare.B)),
            anyOf.Select(Name).ToList(),
            Matches(ids => ids.Any(anyOf.Contains)),
            recommend.Select(Name).ToList(),
            Matches(ids => ids.Any(recommend.Contains)),
            [Name(3), Name(7), Name(Math.Min(42, tagCount))]);
    }
}
