using System.Collections.Concurrent;
using System.Data.Common;
using DiagnosticTests.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace DiagnosticTests.Tests.Querying;

/// <summary>
/// Names are citext in PostgreSQL but travel as text, which PostgreSQL converts without looking functions up by name
/// (<see cref="CitextAsTextQuerySqlGenerator"/>): searches by name still ignore case, and no statement binds a citext
/// parameter or returns a citext column.
/// </summary>
public sealed class CitextOnTheWireTests : CatalogueTestBase
{
    private readonly WireTypeRecorder _recorder = new();
    private WatchedReader _reader = null!;

    [SetUp]
    public async Task SeedAndSignIn()
    {
        await SeedCatalogue();
        _reader = await ReaderWatchedBy(_recorder);
    }

    [TearDown]
    public async Task DisposeReader() => await _reader.DisposeAsync();

    [Test]
    public async Task A_search_by_test_and_tag_names_in_upper_case_sends_and_reads_the_names_as_text()
    {
        var page = await GetJson(_reader.Client, "/odata/DiagnosticTests?$filter=Name eq 'CHEST X-RAY' and Tags/any(t: t/Name eq 'FEVER')&$expand=Tags");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Names(page), Is.EqualTo(new[] { "Chest X-ray" }));
            Assert.That(Names(page.GetProperty("value")[0].GetProperty("Tags").EnumerateArray()), Is.EqualTo(new[] { "fever", "cough", "shortness of breath" }), "in key order");
            Assert.That(_recorder.ParameterTypes, Has.Member(NpgsqlDbType.Text), "the names searched for are parameters");
            Assert.That(_recorder.ParameterTypes, Has.None.EqualTo(NpgsqlDbType.Citext));
            Assert.That(_recorder.ColumnTypes, Has.Member("text"), "the names read are columns");
            Assert.That(_recorder.ColumnTypes, Has.None.EqualTo("citext"));
        }
    }

    [Test]
    public async Task Recommend_for_tags_in_mixed_case_sends_and_reads_the_names_as_text()
    {
        var page = await GetJson(_reader.Client, "/odata/DiagnosticTests/Recommend(tags=['Cough','FEVER'])");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Names(page)[0], Is.EqualTo("Chest X-ray"), "the test with both tags ranks first");
            Assert.That(_recorder.ParameterTypes, Has.None.EqualTo(NpgsqlDbType.Citext));
            Assert.That(_recorder.ColumnTypes, Has.Member("text"));
            Assert.That(_recorder.ColumnTypes, Has.None.EqualTo("citext"));
        }
    }

    [Test]
    public async Task A_distinct_list_of_names_is_left_citext_so_that_it_still_ignores_case()
    {
        await using var scope = _reader.Services.CreateAsyncScope();
        var distinct = scope.ServiceProvider.GetRequiredService<PostgresDbContext>().Tags.Select(t => t.Name).Distinct();

        var names = await distinct.ToListAsync();

        Assert.That(distinct.ToQueryString(), Does.StartWith("SELECT DISTINCT").And.Not.Contain("::text"), "cast to text, DISTINCT would tell 'Fever' from 'fever'");
        Assert.That(names, Is.EquivalentTo(new[] { "fever", "fatigue", "cough", "shortness of breath", "dysuria", "family history of heart disease" }));
    }

    private static List<string> Names(IEnumerable<System.Text.Json.JsonElement> entities) =>
        [.. entities.Select(entity => entity.GetProperty("Name").GetString()!)];

    /// <summary>The parameter types and result column types of every statement EF runs.</summary>
    private sealed class WireTypeRecorder : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<NpgsqlDbType> _parameterTypes = new();
        private readonly ConcurrentQueue<string> _columnTypes = new();

        public List<NpgsqlDbType> ParameterTypes => [.. _parameterTypes];

        public List<string> ColumnTypes => [.. _columnTypes];

        public override ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Record(command, result);
            return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
        }

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            Record(command, result);
            return base.ReaderExecuted(command, eventData, result);
        }

        private void Record(DbCommand command, DbDataReader reader)
        {
            foreach (NpgsqlParameter parameter in command.Parameters)
            {
                _parameterTypes.Enqueue(parameter.NpgsqlDbType);
            }

            for (var ordinal = 0; ordinal < reader.FieldCount; ordinal++)
            {
                _columnTypes.Enqueue(reader.GetDataTypeName(ordinal));
            }
        }
    }
}
