using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>How a page's one expanded collection is read in the same statement as the page: as joined rows.</summary>
public interface IJoinedReading
{
    /// <summary>The rows that join each entity of <paramref name="page"/> to its related entities (or to none).</summary>
    IQueryable Join(IQueryable page);

    /// <summary>The page's entities, each with its related entities in key order, read from the rows of <paramref name="statement"/> (the SQL of <see cref="Join"/>).</summary>
    IAsyncEnumerable<object> ReadAsync(DbContext db, JoinedStatement statement, CancellationToken cancellationToken = default);
}
