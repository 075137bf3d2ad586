using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DiagnosticTests.Api.Data;

/// <summary>
/// An EF compiled query for each model it runs against. EF binds a compiled query to the first model it runs
/// with and refuses any other; a process can hold two (the tests run PostgreSQL and SQLite services side by side).
/// </summary>
public sealed class PerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = [];

    public TQuery For(DbContext context) => _compiled.GetValue(context.Model, _ => compile());
}
