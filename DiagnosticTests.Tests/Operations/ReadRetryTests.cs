using DiagnosticTests.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DiagnosticTests.Tests.Operations;

/// <summary>
/// A page with its expanded tags is read through the strategy's own retry loop (ExecuteReadAsync) rather than EF's
/// ExecuteAsync: it must retry what EF would retry, as often, and nothing else. DroppedConnectionTests check the
/// same end to end, with connections the database really drops.
/// </summary>
public sealed class ReadRetryTests
{
    private const int MaxRetries = 2;

    [Test]
    public async Task A_read_that_fails_with_a_lost_connection_is_run_again_and_answers()
    {
        await using var db = NewContext();
        var attempts = 0;

        var answer = await Strategy(db).ExecuteReadAsync(
            0,
            (_, _) => ++attempts == 1 ? throw LostConnection() : Task.FromResult("rows"),
            CancellationToken.None);

        Assert.That((answer, attempts), Is.EqualTo(("rows", 2)));
    }

    [Test]
    public async Task A_read_that_keeps_failing_gives_up_after_the_configured_retries()
    {
        await using var db = NewContext();
        var attempts = 0;

        var failure = Assert.ThrowsAsync<RetryLimitExceededException>(() => Strategy(db).ExecuteReadAsync<int, string>(
            0, (_, _) => { attempts++; throw LostConnection(); }, CancellationToken.None));

        Assert.That(attempts, Is.EqualTo(MaxRetries + 1));
        Assert.That(failure!.InnerException, Is.InstanceOf<NpgsqlException>());
        Assert.That(failure.Message, Does.Contain($"maximum number of retries ({MaxRetries})"));
    }

    [Test]
    public async Task A_failure_that_is_not_transient_is_not_retried()
    {
        await using var db = NewContext();
        var attempts = 0;

        Assert.ThrowsAsync<InvalidOperationException>(() => Strategy(db).ExecuteReadAsync<int, string>(
            0, (_, _) => { attempts++; throw new InvalidOperationException("not a connection problem"); }, CancellationToken.None));

        Assert.That(attempts, Is.EqualTo(1));
    }

    [Test]
    public async Task A_read_inside_a_transaction_is_not_run_again()
    {
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var attempts = 0;

        Assert.ThrowsAsync<NpgsqlException>(() => Strategy(db).ExecuteReadAsync<int, string>(
            0, (_, _) => { attempts++; throw LostConnection(); }, CancellationToken.None));

        Assert.That(attempts, Is.EqualTo(1), "a retry would replay part of the transaction");
    }

    private static PostgresDbContext NewContext() =>
        new(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(Harness.ConnectionString).Options);

    // Short delays so the test does not wait the production back-off (up to 30 s between attempts).
    private static StreamingRetryingExecutionStrategy Strategy(DbContext db) =>
        new(db.GetService<ExecutionStrategyDependencies>(), MaxRetries, TimeSpan.FromMilliseconds(1));

    // What Npgsql throws when the server closes the connection under a command: transient.
    private static NpgsqlException LostConnection() => new("Exception while reading from stream", new EndOfStreamException());
}
