using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace DiagnosticTests.Benchmarks.Baseline;

/// <summary>
/// What scenarios 1, 2 and 4 cost when written by hand: one SQL statement each, read with a data reader and
/// written with Utf8JsonWriter in the service's JSON shape (an object whose <c>value</c> holds the tests with
/// their Tags, or the Recommendation list). The SQL is also what the service's queries could look like:
/// tag names resolved to ids once, then the link table walked by tag id in test-id order.
/// </summary>
public static class BaselineQueries
{
    private const string TestColumns = """
        t."Id", t."Name", t."Code", t."Category", t."Description", t."Specimen", t."Preparation", t."TurnaroundHours",
        t."ValidityDays", t."Price", t."ApplicableSex", t."MinAgeYears", t."MaxAgeYears", t."CreatedAt", t."UpdatedAt"
        """;

    /// <summary>Specificity is the tag count the database keeps on each test, as the service reads it.</summary>
    public const string RecommendSql = """
        SELECT t."Id", t."Name", t."Code", t."Category", m.matched
        FROM (
            SELECT l."DiagnosticTestId" AS id, array_agg(g."Name"::text ORDER BY g."Name") AS matched
            FROM "Tags" g
            JOIN "DiagnosticTestTags" l ON l."TagId" = g."Id"
            WHERE g."Name" = ANY($1::citext[])
            GROUP BY l."DiagnosticTestId"
        ) m
        JOIN "DiagnosticTests" t ON t."Id" = m.id
        WHERE t."ApplicableSex" IN ('Any', $2)
          AND (t."MinAgeYears" IS NULL OR t."MinAgeYears" <= $3)
          AND (t."MaxAgeYears" IS NULL OR t."MaxAgeYears" >= $3)
        ORDER BY cardinality(m.matched) DESC, t."TagCount", t."Name", t."Id"
        LIMIT $4
        """;

    /// <summary>
    /// Tests carrying every one of <paramref name="tagCount"/> tags ($1..$n, names), first $n+1 by id, with their tags.
    /// Each tag name becomes a scalar sub-select (an InitPlan): the planner then sees <c>"TagId" = $id</c> and
    /// merge-joins the (TagId, DiagnosticTestId) index ranges in id order, stopping after the page.
    /// </summary>
    public static string AllOfSql(int tagCount)
    {
        var joins = string.Join("\n", Enumerable.Range(1, tagCount - 1).Select(i =>
            $"""    JOIN "DiagnosticTestTags" l{i} ON l{i}."DiagnosticTestId" = l0."DiagnosticTestId" AND l{i}."TagId" = (SELECT "Id" FROM "Tags" WHERE "Name" = ${i + 1}::citext)"""));
        return $"""
            SELECT {TestColumns},
                   g.ids, g.names, g.categories, g.descriptions
            FROM (
                SELECT l0."DiagnosticTestId" AS id
                FROM "DiagnosticTestTags" l0
            {joins}
                WHERE l0."TagId" = (SELECT "Id" FROM "Tags" WHERE "Name" = $1::citext)
                ORDER BY l0."DiagnosticTestId"
                LIMIT ${tagCount + 1}
            ) page
            JOIN "DiagnosticTests" t ON t."Id" = page.id
            CROSS JOIN LATERAL (
                SELECT array_agg(tag."Id" ORDER BY tag."Id") AS ids,
                       array_agg(tag."Name"::text ORDER BY tag."Id") AS names,
                       array_agg(tag."Category"::text ORDER BY tag."Id") AS categories,
                       array_agg(tag."Description" ORDER BY tag."Id") AS descriptions
                FROM "DiagnosticTestTags" l
                JOIN "Tags" tag ON tag."Id" = l."TagId"
                WHERE l."DiagnosticTestId" = t."Id"
            ) g
            ORDER BY t."Id"
            """;
    }

    public static NpgsqlCommand AllOfCommand(NpgsqlDataSource dataSource, IReadOnlyList<string> tags, int top)
    {
        var command = dataSource.CreateCommand(AllOfSql(tags.Count));
        foreach (var tag in tags)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = tag, NpgsqlDbType = NpgsqlDbType.Text });
        }

        command.Parameters.Add(new NpgsqlParameter { Value = top, NpgsqlDbType = NpgsqlDbType.Integer });
        return command;
    }

    public static NpgsqlCommand RecommendCommand(NpgsqlDataSource dataSource, IReadOnlyList<string> tags, string sex, int age, int top)
    {
        var command = dataSource.CreateCommand(RecommendSql);
        command.Parameters.Add(new NpgsqlParameter { Value = tags.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = sex, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = age, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = top, NpgsqlDbType = NpgsqlDbType.Integer });
        return command;
    }

    /// <summary>Writes <c>{"value":[test with Tags, ...]}</c> from the all-of reader.</summary>
    public static async Task WriteTestsAsync(NpgsqlDataReader reader, Utf8JsonWriter json, Func<Task> flush, CancellationToken cancellationToken)
    {
        json.WriteStartObject();
        json.WriteStartArray("value");
        while (await reader.ReadAsync(cancellationToken))
        {
            json.WriteStartObject();
            json.WriteNumber("Id", reader.GetInt32(0));
            json.WriteString("Name", reader.GetString(1));
            WriteNullableString(json, "Code", reader, 2);
            json.WriteString("Category", reader.GetString(3));
            WriteNullableString(json, "Description", reader, 4);
            WriteNullableString(json, "Specimen", reader, 5);
            WriteNullableString(json, "Preparation", reader, 6);
            WriteNullableInt(json, "TurnaroundHours", reader, 7);
            WriteNullableInt(json, "ValidityDays", reader, 8);
            if (reader.IsDBNull(9))
            {
                json.WriteNull("Price");
            }
            else
            {
                json.WriteNumber("Price", reader.GetDecimal(9));
            }

            json.WriteString("ApplicableSex", reader.GetString(10));
            WriteNullableInt(json, "MinAgeYears", reader, 11);
            WriteNullableInt(json, "MaxAgeYears", reader, 12);
            json.WriteString("CreatedAt", reader.GetFieldValue<DateTimeOffset>(13));
            json.WriteString("UpdatedAt", reader.GetFieldValue<DateTimeOffset>(14));

            json.WriteStartArray("Tags");
            if (!reader.IsDBNull(15))
            {
                var ids = reader.GetFieldValue<int[]>(15);
                var names = reader.GetFieldValue<string[]>(16);
                var categories = reader.GetFieldValue<string[]>(17);
                var descriptions = reader.GetFieldValue<string?[]>(18);
                for (var i = 0; i < ids.Length; i++)
                {
                    json.WriteStartObject();
                    json.WriteNumber("Id", ids[i]);
                    json.WriteString("Name", names[i]);
                    json.WriteString("Category", categories[i]);
                    json.WriteString("Description", descriptions[i]);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            if (json.BytesPending > 16_384)
            {
                await flush();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes <c>{"value":[Recommendation, ...]}</c>; Score = matched / requested, as the domain rule says.</summary>
    public static async Task WriteRecommendationsAsync(NpgsqlDataReader reader, Utf8JsonWriter json, int requestedCount, CancellationToken cancellationToken)
    {
        json.WriteStartObject();
        json.WriteStartArray("value");
        while (await reader.ReadAsync(cancellationToken))
        {
            var matched = reader.GetFieldValue<string[]>(4);
            json.WriteStartObject();
            json.WriteNumber("DiagnosticTestId", reader.GetInt32(0));
            json.WriteString("Name", reader.GetString(1));
            WriteNullableString(json, "Code", reader, 2);
            json.WriteString("Category", reader.GetString(3));
            json.WriteNumber("Score", (double)matched.Length / requestedCount);
            json.WriteStartArray("MatchedTags");
            foreach (var name in matched)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter json, string name, NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, reader.GetString(ordinal));
        }
    }

    private static void WriteNullableInt(Utf8JsonWriter json, string name, NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, reader.GetInt32(ordinal));
        }
    }
}
