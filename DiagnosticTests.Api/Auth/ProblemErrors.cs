using System.ComponentModel.DataAnnotations;

namespace DiagnosticTests.Api.Auth;

/// <summary>Validation results in the shape of RFC 9457 validation problem details.</summary>
public static class ProblemErrors
{
    public static Dictionary<string, string[]> From(IEnumerable<ValidationResult> failures) =>
        failures
            .SelectMany(f => (f.MemberNames.Any() ? f.MemberNames : [""]).Select(member => (member, message: f.ErrorMessage ?? "")))
            .GroupBy(f => ToCamelCase(f.member))
            .ToDictionary(g => g.Key, g => g.Select(f => f.message).ToArray());

    public static string Summary(IEnumerable<ValidationResult> failures) => string.Join(" ", failures.Select(f => f.ErrorMessage));

    private static string ToCamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
