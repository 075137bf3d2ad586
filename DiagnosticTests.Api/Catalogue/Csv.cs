using System.Text;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>One CSV record and the physical line it starts on (a quoted field may span several lines).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

public sealed class CsvFormatException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}

/// <summary>
/// RFC 4180 reading and writing, small enough to own rather than take a package for: fields separated by
/// commas, records by CRLF or LF, a field in double quotes may hold commas, line breaks and doubled quotes.
/// </summary>
public static class Csv
{
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, recordLine, i) = (1, 1, text.StartsWith('\uFEFF') ? 1 : 0);
        while (i <= text.Length)
        {
            if (i < text.Length && text[i] == '"' && field.Length == 0)
            {
                i = ReadQuoted(text, i + 1, field, ref line);
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new CsvFormatException(line, "a closing quote must end the field (write \"\" for a quote inside it).");
                }
            }
            else if (i < text.Length && text[i] == '"')
            {
                throw new CsvFormatException(line, "a field that contains a quote must be enclosed in quotes.");
            }

            if (i < text.Length && text[i] == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (i == text.Length || text[i] is '\r' or '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                // A blank line (including the end of a file that ends with a line break) is not a record.
                if (fields is not [""])
                {
                    yield return new CsvRecord(recordLine, fields.ToArray());
                }

                fields.Clear();
                i += i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n' ? 2 : 1;
                recordLine = ++line;
            }
            else
            {
                field.Append(text[i++]);
            }
        }
    }

    public static void WriteRecord(StringBuilder output, IEnumerable<string?> fields)
    {
        output.AppendJoin(',', fields.Select(Quote)).Append("\r\n");
    }

    private static string Quote(string? field) =>
        field is null || field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field ?? "" : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    // Reads a quoted field's content from just after its opening quote; returns the index after the closing quote.
    private static int ReadQuoted(string text, int i, StringBuilder field, ref int line)
    {
        var startLine = line;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            // Count CRLF once, and a lone CR or LF once, so line numbers match what an editor shows.
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                line++;
            }

            field.Append(text[i++]);
        }

        throw new CsvFormatException(startLine, "a quoted field is not closed.");
    }
}
