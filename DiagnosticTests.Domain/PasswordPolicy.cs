namespace DiagnosticTests.Domain;

public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    /// <summary>The reason a password is refused, or null when it is acceptable.</summary>
    public static string? Check(string? password) => password switch
    {
        null or "" => "Password is required.",
        { Length: < MinLength } => $"Password must be at least {MinLength} characters long.",
        { Length: > MaxLength } => $"Password must be at most {MaxLength} characters long.",
        _ when string.IsNullOrWhiteSpace(password) => "Password must not be only white space.",
        _ => null,
    };
}
