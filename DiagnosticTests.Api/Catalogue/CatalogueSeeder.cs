using DiagnosticTests.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>
/// Loads the catalogue that ships with the service into an empty database, so a first start is useful at
/// once. It goes through the importer, so the shipped file obeys the same rules as any imported one.
/// </summary>
public sealed partial class CatalogueSeeder(AppDbContext db, CatalogueImporter importer, ILogger<CatalogueSeeder> logger)
{
    public static readonly string DefaultPath = Path.Combine(AppContext.BaseDirectory, "Data", "Catalogue", "catalogue.json");

    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.DiagnosticTests.AnyAsync(cancellationToken) || await db.Tags.AnyAsync(cancellationToken))
        {
            return;
        }

        var content = await File.ReadAllBytesAsync(DefaultPath, cancellationToken);
        var report = await importer.ImportAsync(CatalogueJson.Parse(content), cancellationToken);
        if (!report.Succeeded)
        {
            // A broken shipped file is a release defect: fail the start rather than serve a partial catalogue.
            throw new InvalidDataException($"{DefaultPath}: {report.Summary} {string.Join(" ", report.Rejected)}");
        }

        LogSeeded(logger, report.Created.Count, report.TagsCreated.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the catalogue into an empty database: {Tests} tests, {Tags} tags")]
    private static partial void LogSeeded(ILogger logger, int tests, int tags);
}
