using System.Text.Json;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Domain;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>Loads the catalogue that ships with the service into an empty database, so a first start is useful at once.</summary>
public sealed partial class CatalogueSeeder(AppDbContext db, ILogger<CatalogueSeeder> logger)
{
    public static readonly string DefaultPath = Path.Combine(AppContext.BaseDirectory, "Data", "Catalogue", "catalogue.json");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.DiagnosticTests.AnyAsync(cancellationToken) || await db.Tags.AnyAsync(cancellationToken))
        {
            return;
        }

        await using var file = File.OpenRead(DefaultPath);
        var catalogue = await JsonSerializer.DeserializeAsync<CatalogueDocument>(file, Json, cancellationToken)
            ?? throw new InvalidDataException($"{DefaultPath} is empty.");

        var tags = catalogue.Tags.ToDictionary(
            t => TagName.Normalize(t.Name),
            t => new Tag { Name = TagName.Normalize(t.Name), Category = t.Category ?? TagCategory.Other, Description = t.Description },
            TagName.Comparer);
        db.Tags.AddRange(tags.Values);
        db.DiagnosticTests.AddRange(catalogue.DiagnosticTests.Select(t => new DiagnosticTest
        {
            Name = t.Name,
            Code = t.Code,
            Category = t.Category,
            Description = t.Description,
            Specimen = t.Specimen,
            Preparation = t.Preparation,
            TurnaroundHours = t.TurnaroundHours,
            ValidityDays = t.ValidityDays,
            Price = t.Price,
            ApplicableSex = t.ApplicableSex ?? Sex.Any,
            MinAgeYears = t.MinAgeYears,
            MaxAgeYears = t.MaxAgeYears,
            Tags = t.Tags.Select(name => tags[TagName.Normalize(name)]).ToList(),
        }));
        await db.SaveChangesAsync(cancellationToken);
        LogSeeded(logger, catalogue.DiagnosticTests.Count, tags.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the catalogue into an empty database: {Tests} tests, {Tags} tags")]
    private static partial void LogSeeded(ILogger logger, int tests, int tags);
}
