using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.Data.Configurations;
using DiagnosticTests.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>A ranked test joined to one requested tag it carries: a page's rows come one per matched tag.</summary>
internal sealed class MatchedRow
{
    public required RankingRow Row { get; init; }

    public int TagId { get; init; }
}

internal sealed record TagKey(int Id, string Name);

/// <summary>
/// Recommend's statements whose shape is the same for every request, as EF compiled queries: EF's parameter
/// extraction and cache lookup for Recommend's LINQ took 18% of its CPU in a profile at 10,000 tests, 11% after
/// this, all of it the single-match walk's. The walk is not among them: it writes ids into its SQL (see
/// <see cref="Recommender"/>). The parts shared with it are templates, lambdas over the context and tag ids that
/// are bound either to a compiled query's parameters or to live values.
/// </summary>
internal static class RecommendationQueries
{
    /// <summary>The page's rows joined to the requested tags each carries, in the page's order, in the same statement.</summary>
    public static readonly Expression<Func<AppDbContext, List<int>, IQueryable<RankingRow>, IQueryable<MatchedRow>>> WithMatches =
        (db, tagIds, page) => page.SelectMany(
            r => db.DiagnosticTestTags.Where(l => l.DiagnosticTestId == r.Id && tagIds.Contains(l.TagId)),
            (r, l) => new MatchedRow { Row = r, TagId = l.TagId });

    public static readonly PerModel<Func<AppDbContext, string[], IAsyncEnumerable<TagKey>>> TagsNamed = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, string[] names) => db.Tags.Where(t => names.Contains(t.Name)).Select(t => new TagKey(t.Id, t.Name))));

    // The applicable tests among the multi-match ids, with their matched count.
    private static readonly Expression<Func<AppDbContext, List<int>, List<int>, Expression<Func<DiagnosticTest, bool>>, IQueryable<RankingRow>>> MultiMatchRows =
        (db, testIds, tagIds, applicable) => db.DiagnosticTests.Where(applicable).Where(t => testIds.Contains(t.Id)).Select(t => new RankingRow
        {
            Id = t.Id,
            Name = t.Name,
            Code = t.Code,
            Category = t.Category,
            MatchedCount = db.DiagnosticTestTags.Count(l => l.DiagnosticTestId == t.Id && tagIds.Contains(l.TagId)),
            TagCount = EF.Property<int>(t, DiagnosticTestConfiguration.TagCount),
        });

    // The page's rows without their matched count, which the tags joined to each row give again: EF would count
    // them once more for every joined row (scenario 4 at 100,000 tests: 3.5-3.9 against 2.6 ms for this statement).
    private static readonly Expression<Func<IQueryable<RankingRow>, IQueryable<RankingRow>>> Uncounted = page =>
        page.Select(r => new RankingRow { Id = r.Id, Name = r.Name, Code = r.Code, Category = r.Category, TagCount = r.TagCount });

    /// <summary>(context, sex, age, multi-match test ids, tag ids, skip, take): the ranked page of the multi-match tier.</summary>
    public static readonly PerModel<Func<AppDbContext, string?, int?, List<int>, List<int>, int, int, IAsyncEnumerable<MatchedRow>>> MultiMatchPage =
        new(() => EF.CompileAsyncQuery(MultiMatchPageQuery()));

    /// <summary>A template's body with its parameters replaced by <paramref name="arguments"/>.</summary>
    public static Expression Bind(LambdaExpression template, params Expression[] arguments) =>
        ReplacingExpressionVisitor.Replace([.. template.Parameters], arguments, template.Body);

    /// <summary>A live value as a query reads a captured variable, so that EF sends it as a parameter.</summary>
    public static Expression Captured<T>(T value) => Expression.Field(Expression.Constant(new StrongBox<T>(value)), nameof(StrongBox<T>.Value));

    private static Expression<Func<AppDbContext, string?, int?, List<int>, List<int>, int, int, IQueryable<MatchedRow>>> MultiMatchPageQuery()
    {
        var db = Expression.Parameter(typeof(AppDbContext), "db");
        var sex = Expression.Parameter(typeof(string), "sex");
        var age = Expression.Parameter(typeof(int?), "age");
        var testIds = Expression.Parameter(typeof(List<int>), "testIds");
        var tagIds = Expression.Parameter(typeof(List<int>), "tagIds");
        var skip = Expression.Parameter(typeof(int), "skip");
        var take = Expression.Parameter(typeof(int), "take");

        var rows = Bind(MultiMatchRows, db, testIds, tagIds, Expression.Quote(Applicability.Filter(sex, age)));
        var ranked = Ranked(rows);
        var page = Bind(Uncounted, Call(nameof(Queryable.Take), Call(nameof(Queryable.Skip), ranked, skip), take));
        return Expression.Lambda<Func<AppDbContext, string?, int?, List<int>, List<int>, int, int, IQueryable<MatchedRow>>>(
            Bind(WithMatches, db, tagIds, page), db, sex, age, testIds, tagIds, skip, take);
    }

    // The domain's ranking order (RecommendationRanking.Order) applied to an expression rather than to a query.
    private static Expression Ranked(Expression rows)
    {
        var placeholder = Expression.Parameter(typeof(IQueryable<RankingRow>), "rows");
        var ordered = RecommendationRanking.Order(new EnumerableQuery<RankingRow>(placeholder)).Expression;
        return ReplacingExpressionVisitor.Replace(placeholder, rows, ordered);
    }

    private static MethodCallExpression Call(string method, Expression source, Expression count) =>
        Expression.Call(typeof(Queryable), method, [typeof(RankingRow)], source, count);
}
