using System.Data;
using DiagnosticTests.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>A file's bytes, or why the catalogue cannot be written in the requested format.</summary>
public sealed record CatalogueExport(byte[]? Content, string? Error);

/// <summary>
/// Writes the database as a catalogue file that the importer reads back to the same data. Entries are
/// sorted by name, not id, so an export does not depend on the order rows happened to be inserted in:
/// exporting, importing into an empty database and exporting again gives the same bytes.
/// </summary>
public sealed class CatalogueExporter(AppDbContext db)
{
    public async Task<CatalogueExport> ExportAsync(CatalogueFormat format, CancellationToken cancellationToken)
    {
        var document = await ReadAsync(cancellationToken);
        if (format == CatalogueFormat.Json)
        {
            return new CatalogueExport(CatalogueJson.Write(document), null);
        }

        return CatalogueCsv.CannotWrite(document) is { } error
            ? new CatalogueExport(null, error)
            : new CatalogueExport(CatalogueCsv.Write(document), null);
    }

    public Task<CatalogueDocument> ReadAsync(CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            // One snapshot for both queries, so no test names a tag that the tag list missed.
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var tags = await db.Tags.AsNoTracking()
                .Select(t => new CatalogueTag(t.Name, t.Category, t.Description))
                .ToListAsync(cancellationToken);
            var tests = await db.DiagnosticTests.AsNoTracking()
                .Select(t => new
                {
                    Test = t,
                    Tags = t.Tags.Select(tag => tag.Name).ToList(),
                })
                .ToListAsync(cancellationToken);
            return new CatalogueDocument(
                [.. tags.OrderBy(t => t.Name, ByName)],
                [.. tests.Select(x => ToEntry(x.Test, x.Tags)).OrderBy(t => t.Name, ByName)]);
        });

    // Names are unique ignoring case; the ordinal tie-break only makes the order total.
    private static IComparer<string> ByName { get; } =
        Comparer<string>.Create((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a, b) is var c && c != 0 ? c : string.CompareOrdinal(a, b));

    private static CatalogueTest ToEntry(Domain.DiagnosticTest t, List<string> tags) => new(
        t.Name, t.Code, t.Category, t.Description, t.Specimen, t.Preparation, t.TurnaroundHours, t.ValidityDays,
        t.Price, t.ApplicableSex, t.MinAgeYears, t.MaxAgeYears, [.. tags.OrderBy(n => n, ByName)]);
}
