namespace DiagnosticTests.Domain;

/// <summary>What a caller asks for, checked before anything is looked up.</summary>
public sealed record RecommendationRequest(IReadOnlyList<string> Tags, string? Sex, int? AgeYears)
{
    /// <summary>The reasons the request is refused; empty when it is acceptable. Tags are normalised and de-duplicated.</summary>
    public static (RecommendationRequest Request, IReadOnlyList<string> Errors) Create(IEnumerable<string?>? tags, string? sex, int? ageYears)
    {
        var names = (tags ?? [])
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(t => TagName.Normalize(t!))
            .Distinct(TagName.Comparer)
            .ToList();
        var errors = new List<string>();
        if (names.Count == 0)
        {
            errors.Add("tags must name at least one tag, e.g. tags=[\"fever\",\"cough\"].");
        }

        if (sex is not null && !Domain.Sex.IsValid(sex))
        {
            errors.Add($"sex must be one of {string.Join(", ", Domain.Sex.All)}; got '{sex}'.");
        }

        if (ageYears is < 0 or > Applicability.MaxAgeYears)
        {
            errors.Add($"age must be between 0 and {Applicability.MaxAgeYears}; got {ageYears}.");
        }

        return (new RecommendationRequest(names, sex, ageYears), errors);
    }
}
