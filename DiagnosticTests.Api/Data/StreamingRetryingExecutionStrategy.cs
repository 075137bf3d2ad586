using DiagnosticTests.Api.Errors;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
public sealed class StreamingRetryingExecutionStrategy : NpgsqlRetryingExecutionStrategy
{
    public StreamingRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies)
        : base(dependencies)
    {
    }

    /// <summary>With other limits than Npgsql's defaults (6 retries, at most 30 s apart); the tests use short ones.</summary>
    public StreamingRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount, TimeSpan maxRetryDelay)
        : base(dependencies, maxRetryCount, maxRetryDelay, errorCodesToAdd: null)
    {
    }

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

    /// <summary>
    /// Runs one read statement with the retries of <c>ExecuteAsync</c> (the same failures, limit and delays), without
    /// EF's wrapping of each call: two more async frames, a result wrapper and two writes of the async-local
    /// <see cref="ExecutionStrategy.Current"/>. That wrapping was 1.2 KB of a one-row tag search's 15.6 KB of
    /// allocations. For an operation that runs no EF query itself: nothing marks it as running inside the strategy.
    /// </summary>
    public async Task<TResult> ExecuteReadAsync<TState, TResult>(
        TState state, Func<TState, CancellationToken, Task<TResult>> read, CancellationToken cancellationToken)
    {
        // Inside another strategy's block that block retries the whole; inside a transaction nothing may be replayed.
        if (Current is not null || Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null)
        {
            return await read(state, cancellationToken);
        }

        ExceptionsEncountered.Clear();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await read(state, cancellationToken);
            }
            catch (Exception exception) when (ShouldRetryOn(exception))
            {
                ExceptionsEncountered.Add(exception);
                var delay = GetNextDelay(exception) ?? throw new RetryLimitExceededException(
                    $"The maximum number of retries ({MaxRetryCount}) was exceeded while reading with '{nameof(StreamingRetryingExecutionStrategy)}'. See the inner exception for the most recent failure.",
                    exception);
                Dependencies.Logger.ExecutionStrategyRetrying(ExceptionsEncountered, delay, async: true);
                OnRetry();
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    /// <summary>Not an exhausted pool: the wait for a connection already took the connection string's Timeout.</summary>
    protected override bool ShouldRetryOn(Exception? exception) =>
        (exception is null || !ExhaustedPool.Matches(exception)) && base.ShouldRetryOn(exception);
}
