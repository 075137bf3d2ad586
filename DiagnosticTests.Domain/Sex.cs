namespace DiagnosticTests.Domain;

public static class Sex
{
    public const string Any = "Any";
    public const string Female = "Female";
    public const string Male = "Male";

    public static readonly IReadOnlyList<string> All = [Any, Female, Male];

    public static bool IsValid(string? sex) => sex is not null && All.Contains(sex, StringComparer.Ordinal);
}
