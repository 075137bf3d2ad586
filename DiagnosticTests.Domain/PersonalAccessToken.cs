using System.ComponentModel.DataAnnotations;

namespace DiagnosticTests.Domain;

/// <summary>
/// A read-only credential for clients that cannot send a bearer JWT (Excel, Power BI). Only a hash of
/// the token is kept; the value is shown once, when it is created.
/// </summary>
public class PersonalAccessToken
{
    public const int MaxLifetimeDays = 366;

    public int Id { get; set; }

    public int UserId { get; set; }

    [Required(AllowEmptyStrings = false)]
    [MaxLength(100)]
    public string Name { get; set; } = "";

    [Required]
    [MaxLength(64)]
    public string TokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => now < ExpiresAt;

    /// <summary>The reason a requested lifetime is refused, or null.</summary>
    public static string? CheckLifetime(int? days) => days switch
    {
        null => "expiresInDays is required.",
        < 1 or > MaxLifetimeDays => $"expiresInDays must be between 1 and {MaxLifetimeDays}.",
        _ => null,
    };
}
