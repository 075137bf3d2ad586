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

    /// <summary>
    /// The same rule as <see cref="Matches"/> for one patient, as an expression a database query can translate. The
    /// patient's facts are read from an object, as a closure's are, so a database takes them as parameters.
    /// </summary>
    public static Expression<Func<DiagnosticTest, bool>> Filter(string? patientSex, int? patientAgeYears)
    {
        var patient = Expression.Constant(new Patient(patientSex, patientAgeYears));
        return Filter(Expression.Property(patient, nameof(Patient.Sex)), Expression.Property(patient, nameof(Patient.AgeYears)));
    }

    /// <summary>The rule with the patient's sex (<c>string?</c>) and age (<c>int?</c>) as expressions, such as a compiled query's parameters.</summary>
    public static Expression<Func<DiagnosticTest, bool>> Filter(Expression patientSex, Expression patientAgeYears)
    {
        var body = new Substitution(new Dictionary<ParameterExpression, Expression>
        {
            [Rule.Parameters[1]] = patientSex,
            [Rule.Parameters[2]] = patientAgeYears,
        }).Visit(Rule.Body);
        return Expression.Lambda<Func<DiagnosticTest, bool>>(body, Rule.Parameters[0]);
    }

    private static readonly Expression<Func<DiagnosticTest, string?, int?, bool>> Rule = (t, sex, age) =>
        (sex == null || sex == Sex.Any || t.ApplicableSex == Sex.Any || t.ApplicableSex == sex)
        && (age == null || ((t.MinAgeYears == null || t.MinAgeYears <= age) && (t.MaxAgeYears == null || t.MaxAgeYears >= age)));

    private sealed record Patient(string? Sex, int? AgeYears);

    private sealed class Substitution(IReadOnlyDictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => replacements.GetValueOrDefault(node, node);
    }
}
