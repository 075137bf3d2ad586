namespace DiagnosticTests.Domain;

/// <summary>A recommended test and why: the share of the requested tags it carries, and which ones.</summary>
public sealed class Recommendation
{
    public int DiagnosticTestId { get; init; }

    public string Name { get; init; } = "";

    public string? Code { get; init; }

    public string Category { get; init; } = "";

    /// <summary>Matched tags divided by requested tags, from 0 to 1.</summary>
    public double Score { get; init; }

    public IReadOnlyList<string> MatchedTags { get; init; } = [];
}

/// <summary>A test that carries at least one requested tag, as the database returns it for ranking.</summary>
public sealed record RecommendationCandidate(int Id, string Name, string? Code, string Category, int TagCount, IReadOnlyList<string> MatchedTags);
