using DiagnosticTests.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DiagnosticTests.Tests.Operations;

/// <summary>PostgreSQL plans each query shape once per connection, unless the operator's connection string says otherwise.</summary>
public sealed class StatementPreparationTests
{
    [Test]
    public void The_service_connects_with_statement_preparation_on()
    {
        using var scope = Harness.Factory.Services.CreateScope();
        var connectionString = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetConnectionString();

        Assert.That(new NpgsqlConnectionStringBuilder(connectionString).MaxAutoPrepare, Is.EqualTo(PostgresConnectionStrings.DefaultMaxAutoPrepare));
    }

    [TestCase("Host=db;Database=catalogue;Max Auto Prepare=0", 0)]
    [TestCase("Host=db;Database=catalogue;maxautoprepare=5", 5)]
    [TestCase("Host=db;Database=catalogue", PostgresConnectionStrings.DefaultMaxAutoPrepare)]
    public void An_explicit_Max_Auto_Prepare_in_the_connection_string_is_kept(string connectionString, int expected)
    {
        var used = PostgresConnectionStrings.WithStatementPreparation(connectionString);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new NpgsqlConnectionStringBuilder(used).MaxAutoPrepare, Is.EqualTo(expected));
            Assert.That(new NpgsqlConnectionStringBuilder(used).Host, Is.EqualTo("db"));
        }
    }
}
