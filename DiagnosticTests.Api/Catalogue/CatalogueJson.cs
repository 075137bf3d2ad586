using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>The full-fidelity catalogue format: camelCase JSON, as in the shipped <c>catalogue.json</c>.</summary>
public static class CatalogueJson
{
    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web)
    {
        // Files are edited by hand: tolerate comments and trailing commas, but not a misspelt property,
        // which would otherwise be dropped silently and its field cleared.
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly JsonSerializerOptions WriteOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // The same bytes on every OS, so exports can be diffed and compared.
        NewLine = "\n",
        // Keep °, – and accents readable in a file people edit; it is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static ParsedCatalogue Parse(ReadOnlySpan<byte> utf8)
    {
        utf8 = utf8.StartsWith(Utf8Bom) ? utf8[Utf8Bom.Length..] : utf8;
        CatalogueDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<CatalogueDocument>(utf8, ReadOptions);
        }
        catch (JsonException ex)
        {
            return ParsedCatalogue.Failed(Rejection(ex));
        }

        if (document is null)
        {
            return ParsedCatalogue.Failed(new CatalogueRejection(new EntryLocation(1), "document", "The file holds no catalogue object."));
        }

        // A missing array is an empty one; the record's non-null types do not stop the serializer from passing null.
        document = new CatalogueDocument(document.Tags ?? [], document.DiagnosticTests ?? []);
        var lines = EntryLines(utf8);
        return new ParsedCatalogue(
            document,
            Locations(lines, "tags", document.Tags.Count),
            Locations(lines, "diagnosticTests", document.DiagnosticTests.Count),
            []);
    }

    public static byte[] Write(CatalogueDocument document) =>
        [.. JsonSerializer.SerializeToUtf8Bytes(document, WriteOptions), (byte)'\n'];

    private static List<EntryLocation> Locations(Dictionary<string, List<int>> lines, string array, int count)
    {
        // The reader and the serializer see the same arrays, so the counts agree; line 1 is only a safe fallback.
        var found = lines.GetValueOrDefault(array) ?? [];
        return Enumerable.Range(0, count).Select(i => new EntryLocation(i < found.Count ? found[i] : 1, $"{array}[{i}]")).ToList();
    }

    /// <summary>
    /// The line each element of the top-level arrays starts on. The serializer does not report positions of
    /// values it read successfully, so a second pass with the reader finds them (cheap next to the database work).
    /// </summary>
    private static Dictionary<string, List<int>> EntryLines(ReadOnlySpan<byte> utf8)
    {
        var result = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        List<int>? current = null;
        var (line, counted) = (1, 0);
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
            {
                // A repeated property replaces the earlier one, as it does for the serializer.
                result[reader.GetString()!] = current = [];
            }
            else if (reader.CurrentDepth == 2 && current is not null && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.PropertyName))
            {
                var start = (int)reader.TokenStartIndex;
                line += utf8[counted..start].Count((byte)'\n');
                counted = start;
                current.Add(line);
            }
        }

        return result;
    }

    private static CatalogueRejection Rejection(JsonException ex)
    {
        // "$.diagnosticTests[3].turnaroundHours" → entry "diagnosticTests[3]", field "turnaroundHours".
        var path = (ex.Path ?? "$").TrimStart('$', '.');
        var close = path.IndexOf(']', StringComparison.Ordinal);
        var (entry, field) = close >= 0 && path.IndexOf('[', StringComparison.Ordinal) < close
            ? (path[..(close + 1)], path[(close + 1)..].TrimStart('.'))
            : (null, path);
        var line = (int)(ex.LineNumber ?? 0) + 1;
        return new CatalogueRejection(new EntryLocation(line, entry), field.Length == 0 ? "json" : field, Explain(ex, entry, field));
    }

    // The serializer's messages name .NET types; say what the file should hold instead.
    private static string Explain(JsonException ex, string? entry, string field)
    {
        if (ex.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var type = entry is null ? typeof(CatalogueDocument)
                : entry.StartsWith("tags[", StringComparison.OrdinalIgnoreCase) ? typeof(CatalogueTag) : typeof(CatalogueTest);
            return $"Unknown property; the properties are: {string.Join(", ", PropertiesOf(type))}.";
        }

        if (ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return field switch
            {
                "" when entry is null => "Expected an object with the arrays tags and diagnosticTests.",
                "" => "Expected an object.",
                "turnaroundHours" or "validityDays" or "minAgeYears" or "maxAgeYears" => "Expected a whole number or null.",
                "price" => "Expected a number or null.",
                "tags" or "diagnosticTests" => "Expected an array.",
                _ => "Expected a string or null.",
            };
        }

        var cut = ex.Message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut >= 0 ? ex.Message[..cut] : ex.Message;
    }

    private static IEnumerable<string> PropertiesOf(Type record) =>
        record.GetConstructors()[0].GetParameters().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!));
}
