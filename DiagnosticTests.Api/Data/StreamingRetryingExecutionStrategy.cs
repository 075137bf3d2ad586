using DiagnosticTests.Api.Errors;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace DiagnosticTests.Api.Data;

/// <summary>
/// PostgreSQL's retrying strategy without the row buffering EF ties to it (dotnet/efcore#23721): while
/// <see cref="RetriesOnFailure"/> is true, EF copies every row of every query into a buffer before the first
/// is read, so that a failure mid-read can re-run the query. That copy cost 14% of the CPU of a page of 50
/// tests with their tags. Transient failures are still retried wherever no result has been seen: EF opens the
/// connection and executes a query's command inside the strategy and streams the rows after it, and
/// SaveChanges and <c>CreateExecutionStrategy().ExecuteAsync</c> blocks run inside it whole. What is not
/// retried is a failure while rows are being read, which the buffer did retry.
/// </summary>
public sealed class StreamingRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies)
{
    /// <summary>False only so that EF does not buffer; the strategy still retries (see the class).</summary>
    public override bool RetriesOnFailure => false;

    /// <summary>
    /// Refuses, as the base does only while <see cref="RetriesOnFailure"/> is true, to retry inside a transaction
    /// begun outside the strategy: a retry would replay part of it. Begin it inside
    /// <c>CreateExecutionStrategy().ExecuteAsync</c>, so that a retry repeats the whole transaction.
    /// </summary>
    protected override void OnFirstExecution()
    {
        if (Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException(
                "A transaction begun outside the execution strategy cannot be retried; begin it inside Database.CreateExecutionStrategy().ExecuteAsync.");
        }

        base.OnFirstExecution();
    }

    /// <summary>Not an exhausted pool: the wait for a connection already took the connection string's Timeout.</summary>
    protected override bool ShouldRetryOn(Exception? exception) =>
        (exception is null || !ExhaustedPool.Matches(exception)) && base.ShouldRetryOn(exception);
}
