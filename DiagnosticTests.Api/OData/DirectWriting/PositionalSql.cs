using System.Text;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>
/// EF Core's PostgreSQL statements name their parameters (<c>@__p_0</c>), and Npgsql turns every execution of such a
/// statement into a new positional copy (<c>$1</c>) by scanning all of its text: for a repeated one-row tag search
/// that scan was the service's hottest method of its own and its largest allocation (the rewritten text, about
/// 3 KB). A statement already written with positional placeholders and unnamed parameters is sent as it is. This
/// makes that copy once. It is deliberately narrow: anything it does not fully understand (comments, escape or
/// dollar-quoted strings, several statements, a placeholder that is not one of the parameters, a parameter that is
/// never used) leaves the statement as EF wrote it.
/// </summary>
public static class PositionalSql
{
    /// <summary>
    /// The statement with each <c>@name</c> of <paramref name="parameterNames"/> replaced by <c>$n</c>, numbered in
    /// order of first use as Npgsql numbers them, and for each <c>$n</c> the index of its parameter; null when the
    /// statement is not one this can rewrite safely.
    /// </summary>
    public static (string Sql, int[] ParameterOrder)? TryRewrite(string sql, IReadOnlyList<string> parameterNames)
    {
        var names = parameterNames.Select(Trimmed).ToList();
        if (names.Any(name => name.Length == 0) || names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
        {
            return null;
        }

        var rewritten = new StringBuilder(sql.Length);
        var order = new List<int>();
        for (var i = 0; i < sql.Length;)
        {
            i = sql[i] switch
            {
                '\'' or '"' => CopyQuoted(sql, i, rewritten),
                ';' or '$' => -1,
                '-' when At(sql, i + 1) == '-' => -1,
                '/' when At(sql, i + 1) == '*' => -1,
                '@' or ':' when IsIdentifierStart(At(sql, i + 1)) && At(sql, i - 1) != ':' => Placeholder(sql, i, names, order, rewritten),
                var c => Copy(c, i, rewritten),
            };
            if (i < 0)
            {
                return null;
            }
        }

        return order.Count == names.Count ? (rewritten.ToString(), order.ToArray()) : null;
    }

    // Rewrites @name of a parameter to its $n and returns where the text goes on; -1 for an @word that is no
    // parameter, or a parameter written as :name (Npgsql would read it; not ours to guess). Other :words are text.
    private static int Placeholder(string sql, int start, List<string> names, List<int> order, StringBuilder rewritten)
    {
        var end = start + 1;
        while (IsIdentifierPart(At(sql, end)))
        {
            end++;
        }

        var length = end - start - 1;
        var index = names.FindIndex(name => name.Length == length && string.Compare(sql, start + 1, name, 0, length, StringComparison.OrdinalIgnoreCase) == 0);
        if (sql[start] == ':')
        {
            return index < 0 ? Copy(':', start, rewritten) : -1;
        }

        if (index < 0 || IsIdentifierPart(At(sql, start - 1)))
        {
            return -1;
        }

        if (!order.Contains(index))
        {
            order.Add(index);
        }

        rewritten.Append('$').Append(order.IndexOf(index) + 1);
        return end;
    }

    // Copies a quoted string or identifier (a doubled quote is part of it); -1 when it never closes, or for an
    // E'…' string, whose backslash escapes this does not follow.
    private static int CopyQuoted(string sql, int start, StringBuilder rewritten)
    {
        var end = QuotedEnd(sql, start);
        if (end < 0 || (sql[start] == '\'' && IsEscapeStringPrefix(sql, start)))
        {
            return -1;
        }

        rewritten.Append(sql, start, end - start);
        return end;
    }

    private static int Copy(char c, int at, StringBuilder rewritten)
    {
        rewritten.Append(c);
        return at + 1;
    }

    private static string Trimmed(string name) => name.StartsWith('@') || name.StartsWith(':') ? name[1..] : name;

    private static char At(string sql, int index) => index >= 0 && index < sql.Length ? sql[index] : '\0';

    private static int QuotedEnd(string sql, int start)
    {
        var quote = sql[start];
        for (var i = start + 1; i < sql.Length; i++)
        {
            if (sql[i] != quote)
            {
                continue;
            }

            if (At(sql, i + 1) != quote)
            {
                return i + 1;
            }

            i++;
        }

        return -1;
    }

    private static bool IsEscapeStringPrefix(string sql, int quote) =>
        At(sql, quote - 1) is 'E' or 'e' && !IsIdentifierPart(At(sql, quote - 2));

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
