using Microsoft.AspNetCore.OData.Results;
using Microsoft.EntityFrameworkCore.Query;

namespace DiagnosticTests.Api.OData;

/// <summary>
/// A <see cref="SingleResult"/>'s composed query, read later and asynchronously. OData's [EnableQuery] reads a
/// single result with a synchronous enumeration straight after composing it, which holds a thread-pool thread for
/// the database round trip. <see cref="CatalogueQueryAttribute"/> hands it this placeholder to "read" instead,
/// and reads the query itself before the result is written.
/// </summary>
public sealed class DeferredEntity
{
    private static readonly object SingleResultKey = new();

    private DeferredEntity(IQueryable query) => Query = query;

    /// <summary>The composed query ($select and $expand applied), of zero or one entity.</summary>
    public IQueryable Query { get; }

    /// <summary>Notes that this request's action answered with a SingleResult, whose query may then be deferred.</summary>
    public static void MarkSingleResult(HttpRequest request) => request.HttpContext.Items[SingleResultKey] = true;

    /// <summary>
    /// A one-element query of the placeholder, for [EnableQuery] to read in place of <paramref name="composed"/>, when the
    /// action's SingleResult is an EF query; otherwise <paramref name="composed"/> itself.
    /// </summary>
    public static IQueryable Defer(IQueryable composed, HttpRequest request) =>
        request.HttpContext.Items.ContainsKey(SingleResultKey) && composed.Provider is IAsyncQueryProvider && !composed.ElementType.IsValueType
            ? new[] { new DeferredEntity(composed) }.AsQueryable()
            : composed;

    /// <summary>What <see cref="Query"/> is read as, unless the direct writer reads it (<see cref="DirectWriting.DirectPage.Entities"/>).</summary>
    public IAsyncEnumerable<object> Rows => (IAsyncEnumerable<object>)Query;

    /// <summary>The entity (or its $select wrapper) of <paramref name="rows"/>, or null when there is none; more than one is a bug in the action.</summary>
    public static async Task<object?> SingleOrDefaultAsync(IAsyncEnumerable<object> rows, CancellationToken cancellationToken)
    {
        object? found = null;
        var count = 0;
        await foreach (var item in rows.WithCancellation(cancellationToken))
        {
            found = item;
            if (++count > 1)
            {
                throw new InvalidOperationException("A SingleResult's query returned more than one entity.");
            }
        }

        return found;
    }
}
