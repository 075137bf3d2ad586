using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DiagnosticTests.Tests.Infrastructure;

/// <summary>The statements EF runs as readers (queries, and writes with RETURNING), with their parameters' values.</summary>
public sealed class StatementRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<RecordedStatement> _statements = new();

    public IReadOnlyList<string> All => [.. _statements.Select(statement => statement.Sql)];

    public IReadOnlyList<RecordedStatement> WithValues => [.. _statements];

    public void Clear() => _statements.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    private void Record(DbCommand command) =>
        _statements.Enqueue(new RecordedStatement(command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(parameter => parameter.Value)]));
}

/// <summary>A statement's SQL and the values of its parameters, in order.</summary>
public sealed record RecordedStatement(string Sql, IReadOnlyList<object?> Values);
