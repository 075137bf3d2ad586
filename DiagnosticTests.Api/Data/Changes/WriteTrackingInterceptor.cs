using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DiagnosticTests.Api.Data.Changes;

/// <summary>
/// Moves <see cref="DataVersions"/> when this process writes, as soon as the write is committed: at once
/// for a statement outside a transaction, at commit for one inside. Bumping earlier would let a
/// concurrent read cache pre-commit data under the new version.
/// </summary>
public sealed partial class WriteTrackingInterceptor(DataVersions versions) : DbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbTransaction, HashSet<DataArea>> _pending = [];

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Track(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Track(command);
        return ValueTask.FromResult(result);
    }

    // EF runs INSERT … RETURNING as a reader.
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Track(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Track(command);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Commit(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Commit(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _pending.Remove(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.Remove(transaction);
        return Task.CompletedTask;
    }

    private void Track(DbCommand command)
    {
        var areas = WrittenTables().Matches(command.CommandText)
            .SelectMany(m => DataVersions.AreasOf(m.Groups["table"].Value))
            .ToHashSet();
        if (areas.Count == 0)
        {
            return;
        }

        if (command.Transaction is { } transaction)
        {
            _pending.GetOrCreateValue(transaction).UnionWith(areas);
            return;
        }

        foreach (var area in areas)
        {
            versions.Bump(area);
        }
    }

    private void Commit(DbTransaction transaction)
    {
        if (_pending.TryGetValue(transaction, out var areas))
        {
            _pending.Remove(transaction);
            foreach (var area in areas)
            {
                versions.Bump(area);
            }
        }
    }

    [GeneratedRegex("""\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:"?\w+"?\.)?"?(?<table>\w+)"?""", RegexOptions.IgnoreCase)]
    private static partial Regex WrittenTables();
}
