using System.Linq.Expressions;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.Data.Configurations;
using DiagnosticTests.Domain;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>One page of ranked recommendations, with the number of all of them when asked.</summary>
public sealed record RecommendationPage(IReadOnlyList<Recommendation> Recommendations, long? TotalCount, bool HasMore, IReadOnlyList<string> Errors);

/// <summary>
/// Ranks and pages in the database with the domain's order, reading only what the page needs. The ranking has
/// two tiers: the few tests that carry two or more of the requested tags, found pair by pair in the tags' link
/// ranges, and the tests that carry one, which all share a score and are read in (tag count, name, id)
/// order, an index walk that passes over the first tier's tests and stops at the page. Ranking every candidate
/// instead meant joining each of them to its test: 12,000 at 100,000 tests for three middling tags. A statement
/// whose shape never changes runs compiled (<see cref="RecommendationQueries"/>).
/// </summary>
public sealed class Recommender(AppDbContext db, TagCache tagCache)
{
    public async Task<RecommendationPage> RecommendAsync(RecommendationRequest request, int skip, int take, bool count, CancellationToken cancellationToken)
    {
        // Its three to five statements share one connection rather than each taking one from the pool and giving it
        // back. Opening is retried with them: a transient failure re-runs the whole read, which writes nothing.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            async ct =>
            {
                await db.Database.OpenConnectionAsync(ct);
                try
                {
                    return await ReadAsync(request, skip, take, count, ct);
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            },
            cancellationToken);
    }

    private async Task<RecommendationPage> ReadAsync(RecommendationRequest request, int skip, int take, bool count, CancellationToken cancellationToken)
    {
        var names = request.Tags.ToArray();
        var known = KnownInMemory(names) ?? await RecommendationQueries.TagsNamed.For(db)(db, names).ToListAsync(cancellationToken);
        var unknown = names.Except(known.Select(k => k.Name), TagName.Comparer).ToList();
        if (unknown.Count > 0)
        {
            return new RecommendationPage([], null, false, [$"Unknown tag(s): {string.Join(", ", unknown.Select(n => $"'{n}'"))}."]);
        }

        var tagIds = known.Select(k => k.Id).ToList();
        var applicable = db.DiagnosticTests.AsNoTracking().Where(Applicability.Filter(request.Sex, request.AgeYears));
        var multiMatchIds = await MultiMatches.Find(db, tagIds).ToListAsync(cancellationToken);

        // One row more than asked tells whether another page follows.
        var rows = new List<RankedRow>();
        var multiMatchApplicable = 0;
        if (multiMatchIds.Count > 0)
        {
            rows.AddRange(Grouped(await RecommendationQueries.MultiMatchPage.For(db)(db, request.Sex, request.AgeYears, multiMatchIds, tagIds, skip, take + 1)
                .ToListAsync(cancellationToken)));
            multiMatchApplicable = rows.Count > 0 || skip == 0
                ? skip + rows.Count
                : await applicable.CountAsync(t => multiMatchIds.Contains(t.Id), cancellationToken);
        }

        if (rows.Count <= take)
        {
            rows.AddRange(await SingleMatchesAsync(applicable, tagIds, multiMatchIds, Math.Max(0, skip - multiMatchApplicable), take + 1 - rows.Count, cancellationToken));
        }

        long? total = count ? await Candidates(applicable, tagIds).LongCountAsync(cancellationToken) : null;
        var tagNames = known.ToDictionary(k => k.Id, k => k.Name);
        var recommendations = rows.Take(take)
            .Select(r => r.Row.ToRecommendation(r.Matched.Select(id => tagNames[id]).Order(TagName.Comparer).ToList(), names.Length))
            .ToList();
        return new RecommendationPage(recommendations, total, rows.Count > take, []);
    }

    /// <summary>
    /// The requested tags from the ones the service keeps (<see cref="TagCache"/>), sparing a round trip; null when any
    /// name is not found there, and the database then looks them all up, as it matches names its own way.
    /// </summary>
    private List<TagKey>? KnownInMemory(string[] names)
    {
        if (tagCache.Current() is not { } snapshot)
        {
            return null;
        }

        var known = new List<TagKey>(names.Length);
        foreach (var name in names)
        {
            if (snapshot.Find(name) is not { } tag)
            {
                return null;
            }

            known.Add(new TagKey(tag.Id, tag.Name));
        }

        // One per tag, as the database's look-up answers.
        return [.. known.DistinctBy(tag => tag.Id)];
    }

    /// <summary>
    /// The tests that carry exactly one requested tag, in ranking order: the candidates less the multi-match tests,
    /// in (tag count, name, id) order. Leaving the multi-match tests out in the statement rather than after it
    /// shortens the index walk by as many rows. Their ids are written into the SQL too: PostgreSQL looks up a
    /// list of constants in a hash table, where it took a parameter's array apart again for every row walked.
    /// </summary>
    private async Task<List<RankedRow>> SingleMatchesAsync(
        IQueryable<DiagnosticTest> applicable, List<int> tagIds, List<int> multiMatchIds, int skip, int take, CancellationToken cancellationToken)
    {
        var singleMatches = Candidates(applicable, tagIds).Where(t => !EF.Constant(multiMatchIds).Contains(t.Id));
        return Grouped(await WithMatches(RecommendationRanking.OrderWithinScore(SingleMatchRows(singleMatches)).Skip(skip).Take(take), tagIds)
            .ToListAsync(cancellationToken));
    }

    /// <summary>
    /// The applicable tests carrying any requested tag. The tag ids are written into the SQL: whether walking the
    /// index or sorting the tags' few tests is cheaper depends on how common the tags are, which a plan prepared
    /// for any ids cannot know.
    /// </summary>
    private IQueryable<DiagnosticTest> Candidates(IQueryable<DiagnosticTest> applicable, List<int> tagIds) =>
        applicable.Where(t => db.DiagnosticTestTags.Any(l => l.DiagnosticTestId == t.Id && EF.Constant(tagIds).Contains(l.TagId)));

    // Matched count 1 rather than counted: a count per row would run for every candidate a sort reads.
    private static IQueryable<RankingRow> SingleMatchRows(IQueryable<DiagnosticTest> tests) =>
        tests.Select(t => new RankingRow
        {
            Id = t.Id,
            Name = t.Name,
            Code = t.Code,
            Category = t.Category,
            MatchedCount = 1,
            TagCount = EF.Property<int>(t, DiagnosticTestConfiguration.TagCount),
        });

    /// <summary>
    /// The page's rows joined to the requested tags each carries: a row per matched tag. Flat rows rather than a list
    /// per row: EF materialises a nested list through a delegate created per row, which took a third of Recommend's CPU.
    /// </summary>
    private IQueryable<MatchedRow> WithMatches(IQueryable<RankingRow> page, List<int> tagIds) =>
        page.Provider.CreateQuery<MatchedRow>(RecommendationQueries.Bind(
            RecommendationQueries.WithMatches, Expression.Constant(db), RecommendationQueries.Captured(tagIds), page.Expression));

    /// <summary>Folds a test's adjacent matched rows into one, keeping their order.</summary>
    private static List<RankedRow> Grouped(List<MatchedRow> matched)
    {
        var rows = new List<RankedRow>();
        foreach (var match in matched)
        {
            if (rows.Count > 0 && rows[^1].Row.Id == match.Row.Id)
            {
                rows[^1].Matched.Add(match.TagId);
            }
            else
            {
                rows.Add(new RankedRow(match.Row, [match.TagId]));
            }
        }

        return rows;
    }

    private sealed record RankedRow(RankingRow Row, List<int> Matched);
}
