using System.Linq.Expressions;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.OData.DirectWriting;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;

namespace DiagnosticTests.Api.OData.BoundQueries;

/// <summary>
/// A catalogue read as OData parsed, validated and composed it for one URL: the page's query (with its
/// expansions joined or included, and one row more than the page), how it is paged and counted, and how it is written.
/// Query values stay parameters of the SQL, so the database sees the same statement as for a fresh parse.
/// </summary>
public sealed class BoundRead
{
    private readonly Expression _page;
    private readonly Type _rowType;
    private readonly CompiledPage? _compiled;
    private readonly PageReading _reading;

    /// <param name="page">The page's query as composed on the first request's context (its rows, <see cref="DirectPage.Rows"/>).</param>
    /// <param name="reading">Its paging and count query, composed on the same context.</param>
    /// <param name="direct">How the page is written.</param>
    public BoundRead(Expression page, PageReading reading, DirectPage direct)
    {
        _page = QueryRoots.Detach(page);
        _rowType = page.Type.GetGenericArguments()[0];
        _compiled = CompiledPage.TryCompile(_page, _rowType);
        _reading = reading with { Count = reading.Count is { } count ? QueryRoots.Detach(count) : null };
        Direct = direct;
    }

    public DirectPage Direct { get; }

    /// <summary>Reads the page on <paramref name="db"/> (the request's context), paged and counted as the first time.</summary>
    public Task<System.Collections.IList> ReadAsync(AppDbContext db, HttpRequest request)
    {
        var provider = db.GetService<IAsyncQueryProvider>();
        var count = _reading.Count is { } countQuery ? QueryRoots.Rebind(countQuery, provider) : null;
        ServerPaging.Remember(request, _reading with { Count = count });
        var rows = _compiled?.Run(db) ?? (IAsyncEnumerable<object>)provider.CreateQuery(QueryRoots.Rebind(_page, provider));
        return ServerPaging.MaterializeAsync(Direct.Entities(rows), Direct.EntityType, provider, request);
    }
}
