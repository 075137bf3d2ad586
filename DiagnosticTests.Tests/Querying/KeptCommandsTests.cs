using System.Data.Common;
using DiagnosticTests.Api.OData.DirectWriting;
using Npgsql;

namespace DiagnosticTests.Tests.Querying;

/// <summary>
/// A repeated read reuses the commands of its statement (<see cref="KeptCommands"/>): each execution must still get a
/// command of its own, on its own connection, with the timeout it asks for.
/// </summary>
public sealed class KeptCommandsTests
{
    [Test]
    public void Reads_running_at_the_same_time_each_get_a_command_of_their_own()
    {
        var (commands, created) = Kept();
        using var connection = new NpgsqlConnection("Host=localhost");

        var first = commands.Rent(connection, transaction: null, timeout: null);
        var second = commands.Rent(connection, transaction: null, timeout: null);

        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(created, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_returned_command_is_used_again_on_the_next_reads_connection()
    {
        var (commands, created) = Kept();
        using var earlier = new NpgsqlConnection("Host=localhost");
        using var later = new NpgsqlConnection("Host=localhost");

        await commands.ReturnAsync(commands.Rent(earlier, transaction: null, timeout: null));
        var again = commands.Rent(later, transaction: null, timeout: null);

        Assert.That(again, Is.SameAs(created.Single()));
        Assert.That(again.Connection, Is.SameAs(later));
    }

    [Test]
    public async Task A_timeout_asked_for_by_one_read_does_not_stay_with_the_command()
    {
        var (commands, _) = Kept();
        using var connection = new NpgsqlConnection("Host=localhost;Command Timeout=45");

        var patient = commands.Rent(connection, transaction: null, timeout: 300);
        Assert.That(patient.CommandTimeout, Is.EqualTo(300));
        await commands.ReturnAsync(patient);

        Assert.That(commands.Rent(connection, transaction: null, timeout: null).CommandTimeout, Is.EqualTo(45), "the connection string's");
    }

    [Test]
    public async Task No_more_idle_commands_are_kept_than_the_capacity()
    {
        var (commands, created) = Kept();
        using var connection = new NpgsqlConnection("Host=localhost");
        var many = Enumerable.Range(0, KeptCommands.Capacity + 3).Select(_ => commands.Rent(connection, transaction: null, timeout: null)).ToList();
        foreach (var command in many)
        {
            await commands.ReturnAsync(command);
        }

        var reused = Enumerable.Range(0, KeptCommands.Capacity + 3).Select(_ => commands.Rent(connection, transaction: null, timeout: null)).ToList();

        Assert.That(reused.Count(many.Contains), Is.EqualTo(KeptCommands.Capacity));
        Assert.That(created, Has.Count.EqualTo(KeptCommands.Capacity + 3 + 3));
    }

    private static (KeptCommands Commands, List<DbCommand> Created) Kept()
    {
        var created = new List<DbCommand>();
        return (new KeptCommands(connection =>
        {
            var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            created.Add(command);
            return command;
        }), created);
    }
}
