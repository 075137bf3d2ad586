using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>
/// The SQL and parameter values EF Core generated for a joined page (<see cref="JoinedExpansion.Join"/>), as a
/// relational command: EF executes it as it executes its own queries, with the context's connection, transaction,
/// command timeout, interceptors and command log. A URL's values are the same every time it is read, so a repeated
/// URL runs the same statement again without EF composing it.
/// </summary>
public sealed class JoinedStatement
{
    private readonly IRelationalCommandTemplate _template;

    private JoinedStatement(IRelationalCommandTemplate template) => _template = template;

    /// <summary>The statement of <paramref name="rows"/>, a query of <paramref name="db"/>.</summary>
    public static JoinedStatement Of(IQueryable rows, DbContext db)
    {
        using var generated = rows.CreateDbCommand();
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create().Append(generated.CommandText);
        foreach (var parameter in generated.Parameters.Cast<DbParameter>().ToList())
        {
            generated.Parameters.Remove(parameter);
            builder.AddParameter(new CopiedParameter(parameter));
        }

        return new JoinedStatement(builder.Build());
    }

    /// <summary>
    /// Executes the statement on <paramref name="db"/> with a command rented from its connection, as EF runs a query
    /// (a command keeps the reader it returned, so one command cannot serve two requests). Disposing the reader
    /// closes the connection again; <see cref="Return"/> gives the command back.
    /// </summary>
    public async Task<(IRelationalCommand Command, RelationalDataReader Reader)> ExecuteReaderAsync(DbContext db, CancellationToken cancellationToken)
    {
        var connection = db.GetService<IRelationalConnection>();
        var command = connection.RentCommand();
        command.PopulateFrom(_template);
        var reader = await command.ExecuteReaderAsync(
            new RelationalCommandParameterObject(
                connection,
                parameterValues: null,
                readerColumns: null,
                db,
                db.GetService<IRelationalCommandDiagnosticsLogger>(),
                CommandSource.LinqQuery),
            cancellationToken);
        return (command, reader);
    }

    public static void Return(DbContext db, IRelationalCommand command) => db.GetService<IRelationalConnection>().ReturnCommand(command);

    /// <summary>
    /// A parameter belongs to one command, so each execution gets a copy. Provider parameters that clone themselves
    /// keep their provider type (Npgsql's citext, which decides how a tag name compares); others are copied by property.
    /// </summary>
    private sealed class CopiedParameter(DbParameter parameter) : IRelationalParameter
    {
        public string InvariantName => parameter.ParameterName;

        public void AddDbParameter(DbCommand command, IReadOnlyDictionary<string, object?>? parameterValues) =>
            AddDbParameter(command, parameter);

        public void AddDbParameter(DbCommand command, object? value) =>
            command.Parameters.Add(value is ICloneable cloneable ? cloneable.Clone() : Copy((DbParameter)value!, command));

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
