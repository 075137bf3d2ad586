namespace DiagnosticTests.Api.Catalogue;

/// <summary>The catalogue file format (JSON, camelCase): tags first, then tests that name their tags.</summary>
public sealed record CatalogueDocument(IReadOnlyList<CatalogueTag> Tags, IReadOnlyList<CatalogueTest> DiagnosticTests);

public sealed record CatalogueTag(string Name, string? Category, string? Description);

public sealed record CatalogueTest(
    string Name,
    string? Code,
    string Category,
    string? Description,
    string? Specimen,
    string? Preparation,
    int? TurnaroundHours,
    int? ValidityDays,
    decimal? Price,
    string? ApplicableSex,
    int? MinAgeYears,
    int? MaxAgeYears,
    IReadOnlyList<string> Tags);
