using System.Linq.Expressions;

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

    /// <summary>The same rule as <see cref="Matches"/>, as an expression a database query can translate.</summary>
    public static Expression<Func<DiagnosticTest, bool>> Filter(string? patientSex, int? patientAgeYears)
    {
        var anySex = patientSex is null or Sex.Any;
        var age = patientAgeYears ?? 0;
        var anyAge = patientAgeYears is null;
        return t => (anySex || t.ApplicableSex == Sex.Any || t.ApplicableSex == patientSex)
            && (anyAge || ((t.MinAgeYears == null || t.MinAgeYears <= age) && (t.MaxAgeYears == null || t.MaxAgeYears >= age)));
    }
}
