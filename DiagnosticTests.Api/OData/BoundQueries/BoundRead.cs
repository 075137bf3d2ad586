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
    private readonly JoinedStatement? _statement;

    /// <param name="page">The page's query as composed on the first request's context (its rows, <see cref="DirectPage.Rows"/>).</param>
    /// <param name="reading">Its paging and count query, composed on the same context.</param>
    /// <param name="direct">How the page is written.</param>
    /// <param name="statement">The statement its joined expansion is read with, which replaces the query when there is one.</param>
    /// <param name="tags">The tag snapshot its tag search or expanded tags were bound with, if it has either.</param>
    public BoundRead(Expression page, PageReading reading, DirectPage direct, JoinedStatement? statement, TagSnapshotBinding? tags)
    {
        Tags = tags;
        _page = QueryRoots.Detach(page);
        _rowType = page.Type.GetGenericArguments()[0];
        _statement = statement;
        _compiled = statement is null ? CompiledPage.TryCompile(_page, _rowType) : null;
        _reading = reading with { Count = reading.Count is { } count ? QueryRoots.Detach(count) : null };
        Direct = direct;
    }

    public DirectPage Direct { get; }

    /// <summary>The tag snapshot its tag search or expanded tags were bound with, or null when it has neither.</summary>
    public TagSnapshotBinding? Tags { get; }

    /// <summary>Reads the page on <paramref name="db"/> (the request's context), paged and counted as the first time.</summary>
    public Task<System.Collections.IList> ReadAsync(AppDbContext db, HttpRequest request)
    {
        var provider = db.GetService<IAsyncQueryProvider>();
        var count = _reading.Count is { } countQuery ? QueryRoots.Rebind(countQuery, provider) : null;
        ServerPaging.Remember(request, _reading with { Count = count });
        var entities = _statement is not null
            ? Direct.Entities(db, _statement)
            : _compiled?.Run(db) ?? (IAsyncEnumerable<object>)provider.CreateQuery(QueryRoots.Rebind(_page, provider));
        return ServerPaging.MaterializeAsync(entities, Direct.EntityType, provider, request);
    }
}
