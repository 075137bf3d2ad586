using System.Data.Common;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>The rows of an executed <see cref="JoinedStatement"/>; disposing it releases the reader and its command.</summary>
public sealed class ExecutedStatement(DbDataReader rows, Func<ValueTask> release) : IAsyncDisposable
{
    public DbDataReader Rows => rows;

    public ValueTask DisposeAsync() => release();
}
