using DiagnosticTests.Api.Data;
using DiagnosticTests.Domain;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Catalogue;

public sealed record RecommendationResult(IReadOnlyList<Recommendation> Recommendations, IReadOnlyList<string> Errors);

/// <summary>
/// Fetches candidates in one round trip (tests carrying a requested tag that apply to the patient, with
/// their matched tag names and tag count) and lets the domain rule rank them.
/// </summary>
public sealed class Recommender(AppDbContext db)
{
    public async Task<RecommendationResult> RecommendAsync(RecommendationRequest request, CancellationToken cancellationToken)
    {
        var names = request.Tags.ToList();
        var known = await db.Tags.AsNoTracking().Where(t => names.Contains(t.Name)).Select(t => t.Name).ToListAsync(cancellationToken);
        var unknown = names.Except(known, TagName.Comparer).ToList();
        if (unknown.Count > 0)
        {
            return new RecommendationResult([], [$"Unknown tag(s): {string.Join(", ", unknown.Select(n => $"'{n}'"))}."]);
        }

        var candidates = await db.DiagnosticTests.AsNoTracking()
            .Where(Applicability.Filter(request.Sex, request.AgeYears))
            .Where(t => t.Tags.Any(tag => names.Contains(tag.Name)))
            .Select(t => new RecommendationCandidate(
                t.Id,
                t.Name,
                t.Code,
                t.Category,
                t.Tags.Count,
                t.Tags.Where(tag => names.Contains(tag.Name)).Select(tag => tag.Name).ToList()))
            .ToListAsync(cancellationToken);

        return new RecommendationResult(RecommendationRanking.Rank(candidates, names), []);
    }
}
