using System.Globalization;
using System.Text;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>
/// The spreadsheet format: one row per test, its tags as <c>;</c>-separated names. It carries no tag
/// categories or descriptions (tags it creates get category Other), and an empty cell means null, so an
/// empty string and a missing value look alike: JSON is the format that round-trips everything.
/// </summary>
public static class CatalogueCsv
{
    public const char TagSeparator = ';';

    public static readonly IReadOnlyList<string> Columns =
    [
        "name", "code", "category", "description", "specimen", "preparation", "turnaroundHours",
        "validityDays", "price", "applicableSex", "minAgeYears", "maxAgeYears", "tags",
    ];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ParsedCatalogue Parse(ReadOnlySpan<byte> content)
    {
        string text;
        List<CsvRecord> records;
        try
        {
            text = StrictUtf8.GetString(content);
            records = Csv.Read(text).ToList();
        }
        catch (DecoderFallbackException)
        {
            return ParsedCatalogue.Failed(new CatalogueRejection(new EntryLocation(1), "file", "The file is not UTF-8 text."));
        }
        catch (CsvFormatException ex)
        {
            return ParsedCatalogue.Failed(new CatalogueRejection(new EntryLocation(ex.Line), "csv", ex.Message));
        }

        var headerError = records.Count == 0 ? "The file is empty." : HeaderError(records[0]);
        if (headerError is not null)
        {
            return ParsedCatalogue.Failed(new CatalogueRejection(new EntryLocation(1), "header",
                $"{headerError} The first line must name the columns: {string.Join(',', Columns)}."));
        }

        var index = records[0].Fields.Select((name, i) => (name, i)).ToDictionary(c => c.name.Trim(), c => c.i, StringComparer.OrdinalIgnoreCase);
        var (tests, locations, errors) = (new List<CatalogueTest>(), new List<EntryLocation>(), new List<CatalogueRejection>());
        foreach (var record in records.Skip(1))
        {
            var row = new CsvRow(record, index, errors);
            if (record.Fields.Count != Columns.Count)
            {
                row.Reject("row", $"It has {record.Fields.Count} fields; the header has {Columns.Count}.");
                continue;
            }

            var test = new CatalogueTest(
                row.Text("name") ?? "", row.Text("code"), row.Text("category") ?? "", row.Text("description"),
                row.Text("specimen"), row.Text("preparation"), row.Integer("turnaroundHours"), row.Integer("validityDays"),
                row.Decimal("price"), row.Text("applicableSex"), row.Integer("minAgeYears"), row.Integer("maxAgeYears"),
                row.Raw("tags").Split(TagSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            if (!row.HasErrors)
            {
                tests.Add(test);
                locations.Add(new EntryLocation(record.Line));
            }
        }

        return new ParsedCatalogue(new CatalogueDocument([], tests), [], locations, errors);
    }

    /// <summary>Why <paramref name="document"/> cannot be written as CSV (a tag name holding the separator), or null.</summary>
    public static string? CannotWrite(CatalogueDocument document) =>
        document.DiagnosticTests.SelectMany(t => t.Tags).FirstOrDefault(n => n.Contains(TagSeparator, StringComparison.Ordinal)) is { } name
            ? $"The tag '{name}' contains '{TagSeparator}', which separates tags in CSV; export JSON instead."
            : null;

    public static byte[] Write(CatalogueDocument document)
    {
        var output = new StringBuilder();
        Csv.WriteRecord(output, Columns);
        foreach (var t in document.DiagnosticTests)
        {
            Csv.WriteRecord(output, [
                t.Name, t.Code, t.Category, t.Description, t.Specimen, t.Preparation, Invariant(t.TurnaroundHours),
                Invariant(t.ValidityDays), Invariant(t.Price), t.ApplicableSex, Invariant(t.MinAgeYears), Invariant(t.MaxAgeYears),
                string.Join(TagSeparator, t.Tags),
            ]);
        }

        return StrictUtf8.GetBytes(output.ToString());
    }

    private static string? HeaderError(CsvRecord header)
    {
        var names = header.Fields.Select(f => f.Trim()).ToList();
        var unknown = names.Except(Columns, StringComparer.OrdinalIgnoreCase).ToList();
        var missing = Columns.Except(names, StringComparer.OrdinalIgnoreCase).ToList();
        var repeated = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        string?[] problems =
        [
            unknown.Count > 0 ? $"Unknown column(s): {string.Join(", ", unknown)}." : null,
            missing.Count > 0 ? $"Missing column(s): {string.Join(", ", missing)}." : null,
            repeated.Count > 0 ? $"Repeated column(s): {string.Join(", ", repeated)}." : null,
        ];
        return problems.Any(p => p is not null) ? string.Join(" ", problems.OfType<string>()) : null;
    }

    private static string? Invariant<T>(T? value) where T : struct, IFormattable =>
        value?.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>One data row read by column name; conversion failures are collected as rejections for its line.</summary>
    private sealed class CsvRow(CsvRecord record, Dictionary<string, int> index, List<CatalogueRejection> errors)
    {
        public bool HasErrors { get; private set; }

        public string Raw(string column) => record.Fields[index[column]];

        public string? Text(string column) => Raw(column) is { Length: > 0 } value ? value : null;

        public int? Integer(string column) => Convert(column, "a whole number",
            (string s, out int v) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v));

        public decimal? Decimal(string column) => Convert(column, "a number such as 12.50",
            (string s, out decimal v) => decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out v));

        public void Reject(string field, string message)
        {
            HasErrors = true;
            errors.Add(new CatalogueRejection(new EntryLocation(record.Line), field, message));
        }

        private T? Convert<T>(string column, string expected, TryParse<T> parse) where T : struct
        {
            var text = Raw(column).Trim();
            if (text.Length == 0)
            {
                return null;
            }

            if (parse(text, out var value))
            {
                return value;
            }

            Reject(column, $"'{text}' is not {expected}.");
            return null;
        }
    }

    private delegate bool TryParse<T>(string text, out T value);
}
