namespace DiagnosticTests.Domain;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Editor = "Editor";
    public const string Reader = "Reader";

    public static readonly IReadOnlyList<string> All = [Admin, Editor, Reader];

    public static bool IsValid(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
