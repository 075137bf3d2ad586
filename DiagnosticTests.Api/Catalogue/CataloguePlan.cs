using System.ComponentModel.DataAnnotations;
using DiagnosticTests.Domain;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>A test as the file states it (detached, validated) and the normalised names of its tags.</summary>
public sealed record PlannedTest(DiagnosticTest Values, IReadOnlyList<string> TagNames);

/// <summary>
/// A parsed catalogue checked against the domain rules row by row, before the database is touched: every
/// problem is found in one pass and reported with its line, and only a plan without rejections is written.
/// </summary>
public sealed record CataloguePlan(IReadOnlyList<Tag> Tags, IReadOnlyList<PlannedTest> Tests, IReadOnlyList<CatalogueRejection> Rejected)
{
    public static CataloguePlan Build(ParsedCatalogue parsed)
    {
        var rejected = parsed.Errors.ToList();
        var tags = new List<Tag>();
        var tagLines = new Dictionary<string, EntryLocation>(TagName.Comparer);
        foreach (var (entry, location) in parsed.Document.Tags.Zip(parsed.TagLocations))
        {
            if (entry is null)
            {
                rejected.Add(new CatalogueRejection(location, "entry", "The entry is null."));
                continue;
            }

            // A missing category means the domain default, as for a tag created by name.
            var tag = new Tag { Name = TagName.Normalize(entry.Name ?? ""), Category = entry.Category ?? TagCategory.Other, Description = entry.Description };
            var errors = EntityValidator.Validate(tag).Select(e => Reject(location, e))
                .Concat(Duplicate(tagLines, tag.Name, location, "tag")).ToList();
            rejected.AddRange(errors);
            if (errors.Count == 0)
            {
                tags.Add(tag);
            }
        }

        var tests = new List<PlannedTest>();
        var testLines = new Dictionary<string, EntryLocation>(StringComparer.OrdinalIgnoreCase);
        foreach (var (entry, location) in parsed.Document.DiagnosticTests.Zip(parsed.TestLocations))
        {
            if (entry is null)
            {
                rejected.Add(new CatalogueRejection(location, "entry", "The entry is null."));
                continue;
            }

            var test = ToEntity(entry);
            var tagNames = (entry.Tags ?? []).Select(n => TagName.Normalize(n ?? "")).Distinct(TagName.Comparer).ToList();
            var errors = EntityValidator.Validate(test).Select(e => Reject(location, e))
                .Concat(tagNames.SelectMany(name => TagNameErrors(name, location)))
                .Concat(Duplicate(testLines, test.Name, location, "test")).ToList();
            rejected.AddRange(errors);
            if (errors.Count == 0)
            {
                tests.Add(new PlannedTest(test, tagNames));
            }
        }

        return new CataloguePlan(tags, tests, [.. rejected.OrderBy(r => r.Location.Line)]);
    }

    /// <summary>Every field comes from the file: a null clears it, as the file is the whole description of the test.</summary>
    private static DiagnosticTest ToEntity(CatalogueTest entry) => new()
    {
        // Trimmed as the OData API does, so " CBC" and "CBC" are one test.
        Name = entry.Name?.Trim() ?? "",
        Code = entry.Code,
        Category = entry.Category ?? "",
        Description = entry.Description,
        Specimen = entry.Specimen,
        Preparation = entry.Preparation,
        TurnaroundHours = entry.TurnaroundHours,
        ValidityDays = entry.ValidityDays,
        Price = entry.Price,
        ApplicableSex = entry.ApplicableSex ?? Sex.Any,
        MinAgeYears = entry.MinAgeYears,
        MaxAgeYears = entry.MaxAgeYears,
    };

    private static IEnumerable<CatalogueRejection> TagNameErrors(string name, EntryLocation location) =>
        name.Length == 0
            ? [new CatalogueRejection(location, "tags", "A tag name is empty.")]
            : EntityValidator.Validate(new Tag { Name = name }).Select(e => new CatalogueRejection(location, "tags", $"'{name}': {e.ErrorMessage}"));

    // Evaluated at once (not lazily), as it records the name for the rows that follow.
    private static CatalogueRejection[] Duplicate(Dictionary<string, EntryLocation> seen, string name, EntryLocation location, string kind) =>
        name.Length == 0 || seen.TryAdd(name, location)
            ? []
            : [new CatalogueRejection(location, "name", $"The {kind} '{name}' is already in the file at {seen[name]}.")];

    private static CatalogueRejection Reject(EntryLocation location, ValidationResult error) =>
        new(location, error.MemberNames.Any() ? string.Join(", ", error.MemberNames.Select(CamelCase)) : "entry", error.ErrorMessage ?? "Invalid.");

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
