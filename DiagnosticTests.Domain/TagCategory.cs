namespace DiagnosticTests.Domain;

public static class TagCategory
{
    public const string Symptom = "Symptom";
    public const string History = "History";
    public const string RiskFactor = "RiskFactor";
    public const string Demographic = "Demographic";
    public const string Other = "Other";

    public static readonly IReadOnlyList<string> All = [Symptom, History, RiskFactor, Demographic, Other];

    public static bool IsValid(string? category) => category is not null && All.Contains(category, StringComparer.Ordinal);
}
