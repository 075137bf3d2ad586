using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.Data.Configurations;
using DiagnosticTests.Domain;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>One page of ranked recommendations, with the number of all of them when asked.</summary>
public sealed record RecommendationPage(IReadOnlyList<Recommendation> Recommendations, long? TotalCount, bool HasMore, IReadOnlyList<string> Errors);

/// <summary>
/// Ranks and pages in the database with the domain's order: candidates are found and their matches counted
/// through the link table's (TagId, DiagnosticTestId) index, and only the requested page is read.
/// </summary>
public sealed class Recommender(AppDbContext db)
{
    public async Task<RecommendationPage> RecommendAsync(RecommendationRequest request, int skip, int take, bool count, CancellationToken cancellationToken)
    {
        var names = request.Tags.ToList();
        var known = await db.Tags.AsNoTracking().Where(t => names.Contains(t.Name)).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        var unknown = names.Except(known.Select(k => k.Name), TagName.Comparer).ToList();
        if (unknown.Count > 0)
        {
            return new RecommendationPage([], null, false, [$"Unknown tag(s): {string.Join(", ", unknown.Select(n => $"'{n}'"))}."]);
        }

        var tagIds = known.Select(k => k.Id).ToList();
        // Matches are counted in one pass over the requested tags' link ranges; specificity is a column the
        // database keeps (correlated counts per candidate cost two index probes each, 12,000 at 100,000 tests).
        var matches = db.DiagnosticTestTags
            .Where(l => tagIds.Contains(l.TagId))
            .GroupBy(l => l.DiagnosticTestId)
            .Select(g => new { TestId = g.Key, Count = g.Count() });
        var candidates = db.DiagnosticTests.AsNoTracking()
            .Where(Applicability.Filter(request.Sex, request.AgeYears))
            .Join(matches, t => t.Id, m => m.TestId, (t, m) => new RankingRow
            {
                Id = t.Id,
                Name = t.Name,
                Code = t.Code,
                Category = t.Category,
                MatchedCount = m.Count,
                TagCount = EF.Property<int>(t, DiagnosticTestConfiguration.TagCount),
            });

        long? total = count ? await candidates.LongCountAsync(cancellationToken) : null;
        // One row more than asked tells whether another page follows. The page's matched tags come in the same
        // statement, joined to the page's rows only.
        var rows = await RecommendationRanking.Order(candidates).Skip(skip).Take(take + 1)
            .Select(r => new
            {
                Row = r,
                Matched = db.DiagnosticTestTags.Where(l => l.DiagnosticTestId == r.Id && tagIds.Contains(l.TagId)).Select(l => l.TagId).ToList(),
            })
            .ToListAsync(cancellationToken);

        var tagNames = known.ToDictionary(k => k.Id, k => k.Name);
        var recommendations = rows.Take(take)
            .Select(r => r.Row.ToRecommendation(r.Matched.Select(id => tagNames[id]).Order(TagName.Comparer).ToList(), names.Count))
            .ToList();
        return new RecommendationPage(recommendations, total, rows.Count > take, []);
    }
}
