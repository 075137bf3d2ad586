using System.Data;
using System.Data.Common;
using DiagnosticTests.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>
/// The SQL and parameter values EF Core generated for a joined page (<see cref="JoinedExpansion.Join"/>). EF executes
/// it the first time as it executes its own queries, with the context's connection, transaction, command timeout,
/// interceptors and command log, so every distinct statement is seen and logged as EF's queries are. A URL's values
/// are the same every time it is read, so a repeated URL runs the same SQL and parameters again as a plain command
/// (one of its <see cref="KeptCommands"/>) on the context's connection and transaction: EF's command path (its
/// diagnostics, interceptors and connection bookkeeping) was about a tenth of the CPU of a repeated one-row tag
/// search. Only the first run is intercepted; the service's one interceptor tracks writes, which a read is not.
/// </summary>
public sealed class JoinedStatement
{
    private readonly string _sql;
    private readonly IReadOnlyList<DbParameter> _parameters;
    private readonly string _directSql;
    private readonly IReadOnlyList<DbParameter> _directParameters;
    private readonly KeptCommands _commands;
    private bool _ranThroughEf;

    private JoinedStatement(string sql, IReadOnlyList<DbParameter> parameters, string directSql, IReadOnlyList<DbParameter> directParameters)
    {
        (_sql, _parameters, _directSql, _directParameters) = (sql, parameters, directSql, directParameters);
        _commands = new KeptCommands(NewDirectCommand);
    }

    private DbCommand NewDirectCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = _directSql;
        foreach (var parameter in _directParameters)
        {
            command.Parameters.Add(CopiedParameter.Of(parameter, command));
        }

        return command;
    }

    /// <summary>The statement of <paramref name="rows"/>, a query of <paramref name="db"/>.</summary>
    public static JoinedStatement Of(IQueryable rows, DbContext db)
    {
        using var generated = rows.CreateDbCommand();
        var parameters = generated.Parameters.Cast<DbParameter>().ToList();
        // Detached, so each execution can add copies of them to a command of its own.
        generated.Parameters.Clear();
        var sql = generated.CommandText;

        // Repeats on PostgreSQL send a positional copy that Npgsql need not rewrite again (PositionalSql).
        if (db.Database.IsNpgsql()
            && parameters.All(parameter => parameter is ICloneable)
            && PositionalSql.TryRewrite(sql, parameters.Select(parameter => parameter.ParameterName).ToList()) is var (positionalSql, order))
        {
            var positional = order.Select(index => Unnamed(parameters[index])).ToList();
            return new JoinedStatement(sql, parameters, positionalSql, positional);
        }

        return new JoinedStatement(sql, parameters, sql, parameters);
    }

    private static DbParameter Unnamed(DbParameter parameter)
    {
        var copy = (DbParameter)((ICloneable)parameter).Clone();
        copy.ParameterName = string.Empty;
        return copy;
    }

    /// <summary>
    /// Executes the statement on <paramref name="db"/>: through EF the first time, directly after that. Disposing
    /// what it returns closes the reader, and the connection when the execution opened it.
    /// </summary>
    public Task<ExecutedStatement> ExecuteReaderAsync(DbContext db, CancellationToken cancellationToken) =>
        Volatile.Read(ref _ranThroughEf) ? ExecuteDirectlyAsync(db, cancellationToken) : ExecuteFirstAsync(db, cancellationToken);

    /// <summary>
    /// <see cref="ExecuteReaderAsync"/> inside the context's execution strategy, as EF executes its own queries: the
    /// scoped one those queries use, not a new one per read (on PostgreSQL its lean path for one read).
    /// </summary>
    public Task<ExecutedStatement> ExecuteReaderWithStrategyAsync(DbContext db, CancellationToken cancellationToken) =>
        db.GetService<IExecutionStrategy>() is var strategy && strategy is StreamingRetryingExecutionStrategy retrying
            ? retrying.ExecuteReadAsync((db, statement: this), static (state, cancellationToken) => state.statement.ExecuteReaderAsync(state.db, cancellationToken), cancellationToken)
            : strategy.ExecuteAsync(
                (db, statement: this),
                static (_, state, cancellationToken) => state.statement.ExecuteReaderAsync(state.db, cancellationToken),
                verifySucceeded: null,
                cancellationToken);

    private async Task<ExecutedStatement> ExecuteFirstAsync(DbContext db, CancellationToken cancellationToken)
    {
        var executed = await ExecuteThroughEfAsync(db, cancellationToken);
        Volatile.Write(ref _ranThroughEf, true);
        return executed;
    }

    // With a command rented from the context's connection, as EF runs a query (a command keeps the reader it
    // returned, so one command cannot serve two requests); it goes back when the reader is done.
    private async Task<ExecutedStatement> ExecuteThroughEfAsync(DbContext db, CancellationToken cancellationToken)
    {
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create().Append(_sql);
        foreach (var parameter in _parameters)
        {
            builder.AddParameter(new CopiedParameter(parameter));
        }

        var connection = db.GetService<IRelationalConnection>();
        var command = connection.RentCommand();
        command.PopulateFrom(builder.Build());
        var reader = await command.ExecuteReaderAsync(
            new RelationalCommandParameterObject(
                connection,
                parameterValues: null,
                readerColumns: null,
                db,
                db.GetService<IRelationalCommandDiagnosticsLogger>(),
                CommandSource.LinqQuery),
            cancellationToken);
        return new ExecutedStatement(reader.DbDataReader, async () =>
        {
            await reader.DisposeAsync();
            connection.ReturnCommand(command);
        });
    }

    // The context's connection is opened here only when it is closed (outside a transaction), and then closed with
    // the reader; inside a transaction the command joins it, as EF's would.
    private async Task<ExecutedStatement> ExecuteDirectlyAsync(DbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var openedHere = connection.State == ConnectionState.Closed;
        if (openedHere)
        {
            await connection.OpenAsync(cancellationToken);
        }

        var command = _commands.Rent(connection, db.Database.CurrentTransaction?.GetDbTransaction(), db.Database.GetCommandTimeout());
        try
        {
            var reader = await command.ExecuteReaderAsync(openedHere ? CommandBehavior.CloseConnection : CommandBehavior.Default, cancellationToken);
            return new ExecutedStatement(reader, async () =>
            {
                await reader.DisposeAsync();
                await _commands.ReturnAsync(command);
            });
        }
        catch
        {
            await command.DisposeAsync();
            if (openedHere)
            {
                await connection.CloseAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// A parameter belongs to one command, so each execution gets a copy. Provider parameters that clone themselves
    /// keep their provider type (what Npgsql sends the value as, which the statement's casts rely on); others are
    /// copied by property.
    /// </summary>
    private sealed class CopiedParameter(DbParameter parameter) : IRelationalParameter
    {
        public string InvariantName => parameter.ParameterName;

        public static DbParameter Of(DbParameter parameter, DbCommand command) =>
            parameter is ICloneable cloneable ? (DbParameter)cloneable.Clone() : Copy(parameter, command);

        public void AddDbParameter(DbCommand command, IReadOnlyDictionary<string, object?>? parameterValues) =>
            AddDbParameter(command, parameter);

        public void AddDbParameter(DbCommand command, object? value) => command.Parameters.Add(Of((DbParameter)value!, command));

        private static DbParameter Copy(DbParameter parameter, DbCommand command)
        {
            var copy = command.CreateParameter();
            copy.ParameterName = parameter.ParameterName;
            copy.DbType = parameter.DbType;
            copy.Direction = ParameterDirection.Input;
            copy.IsNullable = parameter.IsNullable;
            copy.Size = parameter.Size;
            copy.Precision = parameter.Precision;
            copy.Scale = parameter.Scale;
            copy.Value = parameter.Value;
            return copy;
        }
    }
}
