namespace DiagnosticTests.Api.Catalogue;

/// <summary>What an import did, by name, or why it did nothing at all (<see cref="Rejected"/>).</summary>
public sealed record CatalogueImportReport(
    IReadOnlyList<string> Created,
    IReadOnlyList<string> Updated,
    int Unchanged,
    IReadOnlyList<string> TagsCreated,
    IReadOnlyList<string> TagsUpdated,
    IReadOnlyList<CatalogueRejection> Rejected)
{
    public bool Succeeded => Rejected.Count == 0;

    public static CatalogueImportReport Refused(IReadOnlyList<CatalogueRejection> rejected) => new([], [], 0, [], [], rejected);

    public string Summary => Succeeded
        ? $"{Created.Count} tests created, {Updated.Count} updated, {Unchanged} unchanged; {TagsCreated.Count} tags created, {TagsUpdated.Count} updated."
        : $"{Rejected.Count} problem(s) found; nothing was imported.";
}
