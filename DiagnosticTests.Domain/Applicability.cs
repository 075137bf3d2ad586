namespace DiagnosticTests.Domain;

/// <summary>Whether a test applies to a patient of a given sex and age; unknown patient facts never exclude a test.</summary>
public static class Applicability
{
    public const int MaxAgeYears = 150;

    public static bool Matches(string applicableSex, int? minAgeYears, int? maxAgeYears, string? patientSex, int? patientAgeYears)
    {
        var sexMatches = patientSex is null or Sex.Any
            || applicableSex == Sex.Any
            || string.Equals(applicableSex, patientSex, StringComparison.Ordinal);
        var ageMatches = patientAgeYears is not { } age
            || ((minAgeYears is null || age >= minAgeYears) && (maxAgeYears is null || age <= maxAgeYears));
        return sexMatches && ageMatches;
    }
}
