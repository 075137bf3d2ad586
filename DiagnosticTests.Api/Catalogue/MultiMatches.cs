using System.Linq.Expressions;
using DiagnosticTests.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>
/// The tests that carry two or more of the requested tags (Recommend's first tier). For up to four tags, pair by
/// pair: each pair is a merge join of the two tags' link ranges in test-id order, which took PostgreSQL half the
/// time of grouping all their links (1.8 against 3.6 ms for the load benchmark's three tags at 100,000 tests,
/// prepared). These run as compiled queries, one per tag count: EF's translation-cache lookup of the larger
/// statement cost more service CPU than the database saved at 10,000 tests. More tags would make too many pairs,
/// and are grouped.
/// </summary>
public static class MultiMatches
{
    // The tests carrying both tags of one pair. Declared first: the compiled queries below are built from it.
    private static readonly Expression<Func<AppDbContext, int, int, IQueryable<int>>> Pair = (db, first, second) =>
        db.DiagnosticTestTags.Where(l => l.TagId == first).Join(
            db.DiagnosticTestTags.Where(l => l.TagId == second), l => l.DiagnosticTestId, l => l.DiagnosticTestId, (l, _) => l.DiagnosticTestId);

    private static readonly PerModel<Func<AppDbContext, int, int, IAsyncEnumerable<int>>> OfTwo =
        new(() => EF.CompileAsyncQuery(Pairs<Func<AppDbContext, int, int, IQueryable<int>>>(2)));

    private static readonly PerModel<Func<AppDbContext, int, int, int, IAsyncEnumerable<int>>> OfThree =
        new(() => EF.CompileAsyncQuery(Pairs<Func<AppDbContext, int, int, int, IQueryable<int>>>(3)));

    private static readonly PerModel<Func<AppDbContext, int, int, int, int, IAsyncEnumerable<int>>> OfFour =
        new(() => EF.CompileAsyncQuery(Pairs<Func<AppDbContext, int, int, int, int, IQueryable<int>>>(4)));

    /// <summary>The ids of the tests carrying two or more of <paramref name="tagIds"/> (distinct ids), in no particular order.</summary>
    public static IAsyncEnumerable<int> Find(AppDbContext db, IReadOnlyList<int> tagIds) => tagIds.Count switch
    {
        < 2 => AsyncEnumerable.Empty<int>(),
        2 => OfTwo.For(db)(db, tagIds[0], tagIds[1]),
        3 => OfThree.For(db)(db, tagIds[0], tagIds[1], tagIds[2]),
        4 => OfFour.For(db)(db, tagIds[0], tagIds[1], tagIds[2], tagIds[3]),
        _ => db.DiagnosticTestTags
            .Where(l => tagIds.Contains(l.TagId))
            .GroupBy(l => l.DiagnosticTestId)
            .Where(g => g.Count() >= 2)
            .Select(g => g.Key)
            .AsAsyncEnumerable(),
    };

    // (db, tag0, ..., tagN) => Pair(tag0, tag1).Union(Pair(tag0, tag2))...: every pair of the N tags.
    private static Expression<TQuery> Pairs<TQuery>(int tagCount)
    {
        var db = Expression.Parameter(typeof(AppDbContext), "db");
        var tags = Enumerable.Range(0, tagCount).Select(i => Expression.Parameter(typeof(int), $"tag{i}")).ToArray();
        Expression? union = null;
        for (var i = 0; i < tagCount; i++)
        {
            for (var j = i + 1; j < tagCount; j++)
            {
                var pair = ReplacingExpressionVisitor.Replace([.. Pair.Parameters], [db, tags[i], tags[j]], Pair.Body);
                union = union is null ? pair : Expression.Call(typeof(Queryable), nameof(Queryable.Union), [typeof(int)], union, pair);
            }
        }

        return Expression.Lambda<TQuery>(union!, [db, .. tags]);
    }
}
