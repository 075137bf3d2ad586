using System.ComponentModel.DataAnnotations;

namespace DiagnosticTests.Domain;

public class User : IValidatableObject
{
    public int Id { get; set; }

    [Required(AllowEmptyStrings = false)]
    [MaxLength(254)]
    [EmailAddress]
    public string Email { get; set; } = "";

    [MaxLength(100)]
    public string Name { get; set; } = "";

    [Required]
    [MaxLength(20)]
    public string Role { get; set; } = Roles.Reader;

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Never part of the OData model or any response; the EDM ignores it.</summary>
    public string PasswordHash { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Roles.IsValid(Role))
        {
            yield return new ValidationResult(
                $"Role must be one of {string.Join(", ", Roles.All)}.", [nameof(Role)]);
        }
    }
}
