using DiagnosticTests.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DiagnosticTests.Tests.Operations;

/// <summary>
/// PostgreSQL plans each query shape once per connection, pooled connections are reused without a reset, and
/// the pool holds about as many connections as the cores can use, unless the operator's connection string says otherwise.
/// </summary>
public sealed class ConnectionSettingsTests
{
    [Test]
    public void The_service_connects_with_statement_preparation_on_and_no_reset_between_uses()
    {
        using var scope = Harness.Factory.Services.CreateScope();
        var connectionString = new NpgsqlConnectionStringBuilder(scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetConnectionString());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(connectionString.MaxAutoPrepare, Is.EqualTo(PostgresConnectionStrings.DefaultMaxAutoPrepare));
            Assert.That(connectionString.NoResetOnClose, Is.True);
            Assert.That(connectionString.MaxPoolSize, Is.EqualTo(Math.Max(4, 2 * Environment.ProcessorCount)));
        }
    }

    [TestCase("Host=db;Database=catalogue;Max Auto Prepare=0", 0)]
    [TestCase("Host=db;Database=catalogue;maxautoprepare=5", 5)]
    [TestCase("Host=db;Database=catalogue", PostgresConnectionStrings.DefaultMaxAutoPrepare)]
    public void An_explicit_Max_Auto_Prepare_in_the_connection_string_is_kept(string connectionString, int expected)
    {
        var used = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.ForService(connectionString));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(used.MaxAutoPrepare, Is.EqualTo(expected));
            Assert.That(used.Host, Is.EqualTo("db"));
        }
    }

    [TestCase("Host=db;No Reset On Close=false", false)]
    [TestCase("Host=db;noresetonclose=false", false)]
    [TestCase("Host=db", true)]
    public void An_explicit_No_Reset_On_Close_in_the_connection_string_is_kept(string connectionString, bool expected) =>
        Assert.That(new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.ForService(connectionString)).NoResetOnClose, Is.EqualTo(expected));

    [TestCase("Host=db;Maximum Pool Size=50", 50)]
    [TestCase("Host=db;maximum pool size=7", 7)]
    [TestCase("Host=db;MaxPoolSize=3", 3)]
    public void An_explicit_pool_size_in_the_connection_string_is_kept(string connectionString, int expected) =>
        Assert.That(new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.ForService(connectionString)).MaxPoolSize, Is.EqualTo(expected));

    [TestCase("Host=db;Multiplexing=true")]
    [TestCase("Host=db;multiplexing=True")]
    public void Multiplexing_is_refused_with_a_message_naming_it(string connectionString) =>
        Assert.That(() => PostgresConnectionStrings.ForService(connectionString),
            Throws.InvalidOperationException.With.Message.Contains("Multiplexing=true").And.Message.Contains("not supported"));
}
