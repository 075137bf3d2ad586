using System.Linq.Expressions;
using DiagnosticTests.Api.OData.DirectWriting;
using Microsoft.EntityFrameworkCore.Query;

namespace DiagnosticTests.Api.OData.BoundQueries;

/// <summary>
/// A catalogue read as OData parsed, validated and composed it for one URL: the page's query (with its
/// expansions included and one row more than the page), how it is paged and counted, and how it is written.
/// Query values stay parameters of the SQL, so the database sees the same statement as for a fresh parse.
/// </summary>
public sealed record BoundRead(Expression Page, PageReading Reading, DirectPage Direct)
{
    /// <summary>The page's query on <paramref name="provider"/> (the request's context), with its paging set on the request.</summary>
    public IQueryable BindTo(IAsyncQueryProvider provider, HttpRequest request)
    {
        var count = Reading.Count is { } countQuery ? QueryRoots.Rebind(countQuery, provider) : null;
        ServerPaging.Remember(request, Reading with { Count = count });
        return provider.CreateQuery(QueryRoots.Rebind(Page, provider));
    }
}
