namespace DiagnosticTests.Domain;

/// <summary>How tag names are stored and compared: trimmed, inner whitespace collapsed, compared ignoring case.</summary>
public static class TagName
{
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    public static string Normalize(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
