using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace DiagnosticTests.Benchmarks.Catalogue;

/// <summary>
/// Replaces the catalogue (and the users) with the synthetic one through binary COPY, then vacuums and analyses
/// so the planner sees the real distribution and index-only scans are possible, as on a settled server.
/// The tables must exist: the service applies its migrations on start-up before this runs.
/// </summary>
public static class CatalogueLoader
{
    public static async Task<TimeSpan> LoadAsync(NpgsqlDataSource dataSource, SyntheticCatalogue catalogue, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, """TRUNCATE "DiagnosticTestTags", "DiagnosticTests", "Tags", "PersonalAccessTokens", "Users" RESTART IDENTITY CASCADE""", cancellationToken);
        // citext is created by the migrations after this data source may have loaded its type list.
        await connection.ReloadTypesAsync(cancellationToken);

        await using (var tags = await connection.BeginBinaryImportAsync(
            """COPY "Tags" ("Id", "Name", "Category", "Description") FROM STDIN (FORMAT BINARY)""", cancellationToken))
        {
            foreach (var tag in catalogue.Tags)
            {
                await tags.StartRowAsync(cancellationToken);
                await tags.WriteAsync(tag.Id, NpgsqlDbType.Integer, cancellationToken);
                await tags.WriteAsync(tag.Name, NpgsqlDbType.Citext, cancellationToken);
                await tags.WriteAsync(tag.Category, NpgsqlDbType.Varchar, cancellationToken);
                await tags.WriteAsync(tag.Description, NpgsqlDbType.Text, cancellationToken);
            }

            await tags.CompleteAsync(cancellationToken);
        }

        await using (var tests = await connection.BeginBinaryImportAsync(
            """
            COPY "DiagnosticTests" ("Id", "Name", "Code", "Category", "Description", "Specimen", "Preparation", "TurnaroundHours",
                "ValidityDays", "Price", "ApplicableSex", "MinAgeYears", "MaxAgeYears", "CreatedAt", "UpdatedAt") FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            foreach (var test in catalogue.Tests)
            {
                await tests.StartRowAsync(cancellationToken);
                await tests.WriteAsync(test.Id, NpgsqlDbType.Integer, cancellationToken);
                await tests.WriteAsync(test.Name, NpgsqlDbType.Citext, cancellationToken);
                await tests.WriteAsync(test.Code, NpgsqlDbType.Varchar, cancellationToken);
                await tests.WriteAsync(test.Category, NpgsqlDbType.Varchar, cancellationToken);
                await tests.WriteAsync(test.Description, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(tests, test.Specimen, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(tests, test.Preparation, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(tests, test.TurnaroundHours, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(tests, test.ValidityDays, NpgsqlDbType.Integer, cancellationToken);
                await tests.WriteAsync(test.Price, NpgsqlDbType.Numeric, cancellationToken);
                await tests.WriteAsync(test.ApplicableSex, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(tests, test.MinAgeYears, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(tests, test.MaxAgeYears, NpgsqlDbType.Integer, cancellationToken);
                await tests.WriteAsync(test.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await tests.WriteAsync(test.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await tests.CompleteAsync(cancellationToken);
        }

        await using (var links = await connection.BeginBinaryImportAsync(
            """COPY "DiagnosticTestTags" ("DiagnosticTestId", "TagId") FROM STDIN (FORMAT BINARY)""", cancellationToken))
        {
            foreach (var test in catalogue.Tests)
            {
                foreach (var tagId in test.TagIds)
                {
                    await links.StartRowAsync(cancellationToken);
                    await links.WriteAsync(test.Id, NpgsqlDbType.Integer, cancellationToken);
                    await links.WriteAsync(tagId, NpgsqlDbType.Integer, cancellationToken);
                }
            }

            await links.CompleteAsync(cancellationToken);
        }

        // Explicit ids were copied: move the identity sequences past them so the write scenario can insert.
        await ExecuteAsync(connection, """
            SELECT setval(pg_get_serial_sequence('"Tags"', 'Id'), (SELECT max("Id") FROM "Tags"));
            SELECT setval(pg_get_serial_sequence('"DiagnosticTests"', 'Id'), (SELECT max("Id") FROM "DiagnosticTests"));
            """, cancellationToken);
        // The link table's trigger counted each test's tags with one UPDATE of every test; compact what that left
        // behind, so the tests' table is as dense as a catalogue that grew over time and was vacuumed.
        await ExecuteAsync(connection, """VACUUM FULL "DiagnosticTests" """, cancellationToken);
        await ExecuteAsync(connection, """ANALYZE "Tags", "DiagnosticTests", "DiagnosticTestTags", "Users", "PersonalAccessTokens" """, cancellationToken);
        await VacuumUntilAllVisibleAsync(connection, cancellationToken);
        return clock.Elapsed;
    }

    // A VACUUM that overlaps an autovacuum ANALYZE of the freshly copied tables cannot mark their pages all-visible
    // (the analyse holds back the horizon), and index-only scans then fetch every heap row: repeat until it could.
    private static async Task VacuumUntilAllVisibleAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            await ExecuteAsync(connection, """VACUUM "Tags", "DiagnosticTests", "DiagnosticTestTags" """, cancellationToken);
            await using var check = new NpgsqlCommand(
                """SELECT count(*) FROM pg_class WHERE relname IN ('Tags', 'DiagnosticTests', 'DiagnosticTestTags') AND relallvisible < relpages""", connection);
            if ((long)(await check.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                return;
            }

            await Task.Delay(500, cancellationToken);
        }

        Console.WriteLine("  warning: some catalogue pages are still not all-visible after VACUUM; index-only scans will visit the heap");
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (value is { } v)
        {
            await importer.WriteAsync(v, type, cancellationToken);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken);
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value, type, cancellationToken);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
