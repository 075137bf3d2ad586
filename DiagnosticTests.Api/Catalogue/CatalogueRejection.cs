namespace DiagnosticTests.Api.Catalogue;

/// <summary>
/// Where an entry sits in a catalogue file: the line it starts on and, for JSON, its array path
/// (<c>diagnosticTests[12]</c>), so a person can find it in an editor and a program by index.
/// </summary>
public sealed record EntryLocation(int Line, string? Entry = null)
{
    public override string ToString() => Entry is null ? $"line {Line}" : $"line {Line} ({Entry})";
}

/// <summary>One reason a catalogue file was refused, in the form <c>line N: field: message</c>.</summary>
public sealed record CatalogueRejection(EntryLocation Location, string Field, string Message)
{
    public override string ToString() => $"{Location}: {Field}: {Message}";
}
