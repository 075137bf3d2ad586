using System.Collections.Concurrent;
using System.Data.Common;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>
/// The commands of one repeated statement, its parameters attached, kept between executions: a new command and a copy
/// of every parameter for each read were about a KB of a one-row tag search's allocations. A command comes back only
/// once its reader is closed, so no two reads share one; past <see cref="Capacity"/> idle ones, it is disposed.
/// </summary>
public sealed class KeptCommands(Func<DbConnection, DbCommand> create)
{
    /// <summary>About as many as the connection pool lets run at once.</summary>
    public const int Capacity = 8;

    private readonly ConcurrentQueue<DbCommand> _idle = new();
    private int _idleCount;

    // What a new command gets from the connection string (one service, one connection string).
    private int _defaultTimeout;

    /// <summary>A command on <paramref name="connection"/>, set as a new one would be for this execution.</summary>
    public DbCommand Rent(DbConnection connection, DbTransaction? transaction, int? timeout)
    {
        if (_idle.TryDequeue(out var command))
        {
            Interlocked.Decrement(ref _idleCount);
            command.Connection = connection;
        }
        else
        {
            command = create(connection);
            Volatile.Write(ref _defaultTimeout, command.CommandTimeout);
        }

        command.Transaction = transaction;
        command.CommandTimeout = timeout ?? Volatile.Read(ref _defaultTimeout);
        return command;
    }

    /// <summary>Takes back a command whose reader is closed.</summary>
    public ValueTask ReturnAsync(DbCommand command)
    {
        command.Connection = null;
        command.Transaction = null;
        if (Interlocked.Increment(ref _idleCount) <= Capacity)
        {
            _idle.Enqueue(command);
            return ValueTask.CompletedTask;
        }

        Interlocked.Decrement(ref _idleCount);
        return command.DisposeAsync();
    }
}
