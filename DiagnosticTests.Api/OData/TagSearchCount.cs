using System.Linq.Expressions;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Domain;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.UriParser;

namespace DiagnosticTests.Api.OData;

/// <summary>
/// <c>$count=true</c> for a search of the whole catalogue by tags alone (<c>Tags/any(t: t/Name in (...))</c>):
/// the distinct tests in the tags' link ranges, <c>count(DISTINCT "DiagnosticTestId")</c> read from the
/// (TagId, DiagnosticTestId) index. Counting through the filter probes every test instead: 52 against 7 ms
/// for three common tags at 100,000 tests.
/// </summary>
public static class TagSearchCount
{
    /// <summary>The count's query (one row, none when nothing matches), or null when the request is not such a search.</summary>
    public static IQueryable<long>? For(ODataQueryOptions options, HttpRequest request)
    {
        if (options.Search is not null
            || options.Context.Path is not { Count: 1 } path || path.FirstSegment is not EntitySetSegment { EntitySet.Name: "DiagnosticTests" }
            || options.Filter?.FilterClause is not { Expression: AnyNode any } filter
            || any.Source is not CollectionNavigationNode { NavigationProperty.Name: nameof(DiagnosticTest.Tags), Source: ResourceRangeVariableReferenceNode test }
            || test.RangeVariable != filter.RangeVariable
            || TagNames.Of(any.Body, any.CurrentRangeVariable) is not { Count: > 0 } names)
        {
            return null;
        }

        var db = request.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var tagIds = db.Tags.Where(t => names.Contains(t.Name)).Select(t => t.Id);
        return db.DiagnosticTestTags.AsNoTracking()
            .Where(OfTags(tagIds))
            .GroupBy(l => 1)
            .Select(all => all.Select(l => l.DiagnosticTestId).Distinct().LongCount());
    }

    // The tag ids' query written into the predicate rather than captured: a captured query keeps the context it
    // was composed on, and the count is reused on other contexts (BoundQueries).
    private static Expression<Func<DiagnosticTestTag, bool>> OfTags(IQueryable<int> tagIds)
    {
        var link = Expression.Parameter(typeof(DiagnosticTestTag), "l");
        var contains = Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(int)],
            tagIds.Expression, Expression.Property(link, nameof(DiagnosticTestTag.TagId)));
        return Expression.Lambda<Func<DiagnosticTestTag, bool>>(contains, link);
    }
}
