namespace DiagnosticTests.Api.Catalogue;

/// <summary>
/// A catalogue file read into the document model, with the location of every entry (index-aligned with
/// the document's lists) and the problems found while reading; the importer validates and writes it.
/// </summary>
public sealed record ParsedCatalogue(
    CatalogueDocument Document,
    IReadOnlyList<EntryLocation> TagLocations,
    IReadOnlyList<EntryLocation> TestLocations,
    IReadOnlyList<CatalogueRejection> Errors)
{
    public static ParsedCatalogue Failed(CatalogueRejection error) => new(new CatalogueDocument([], []), [], [], [error]);

    public static ParsedCatalogue Parse(ReadOnlyMemory<byte> content, CatalogueFormat format) =>
        format == CatalogueFormat.Csv ? CatalogueCsv.Parse(content.Span) : CatalogueJson.Parse(content.Span);
}
