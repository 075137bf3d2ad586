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
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c is '\'' or '"')
            {
                var end = QuotedEnd(sql, i);
                if (end < 0 || (c == '\'' && IsEscapeStringPrefix(sql, i)))
                {
                    return null;
                }

                rewritten.Append(sql, i, end - i);
                i = end;
                continue;
            }

            if (c is ';' or '$' || (c == '-' && At(sql, i + 1) == '-') || (c == '/' && At(sql, i + 1) == '*'))
            {
                return null;
            }

            if (c is '@' or ':' && IsIdentifierStart(At(sql, i + 1)) && At(sql, i - 1) != ':')
            {
                var nameEnd = i + 1;
                while (IsIdentifierPart(At(sql, nameEnd)))
                {
                    nameEnd++;
                }

                var index = names.FindIndex(name => name.Length == nameEnd - i - 1 && string.Compare(sql, i + 1, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0);
                if (c == '@' && index >= 0 && !IsIdentifierPart(At(sql, i - 1)))
                {
                    var position = order.IndexOf(index);
                    if (position < 0)
                    {
                        order.Add(index);
                        position = order.Count - 1;
                    }

                    rewritten.Append('$').Append(position + 1);
                    i = nameEnd;
                    continue;
                }

                // An @word that is not a parameter, or a parameter written as :name: not ours to guess.
                if (c == '@' || index >= 0)
                {
                    return null;
                }
            }

            rewritten.Append(c);
            i++;
        }

        return order.Count == names.Count ? (rewritten.ToString(), order.ToArray()) : null;
    }

    private static string Trimmed(string name) => name.StartsWith('@') || name.StartsWith(':') ? name[1..] : name;

    private static char At(string sql, int index) => index >= 0 && index < sql.Length ? sql[index] : '\0';

    // Index just past the closing quote (a doubled quote is part of the text), or -1 when it never closes.
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

    // E'…' strings treat backslashes as escapes, which this scanner does not follow.
    private static bool IsEscapeStringPrefix(string sql, int quote) =>
        At(sql, quote - 1) is 'E' or 'e' && !IsIdentifierPart(At(sql, quote - 2));

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
