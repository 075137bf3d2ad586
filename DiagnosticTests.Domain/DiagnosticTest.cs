using System.ComponentModel.DataAnnotations;

namespace DiagnosticTests.Domain;

/// <summary>A test a clinic can order, tagged with what would make a clinician consider it.</summary>
public class DiagnosticTest : IValidatableObject
{
    public int Id { get; set; }

    [Required(AllowEmptyStrings = false)]
    [MaxLength(150)]
    public string Name { get; set; } = "";

    [MaxLength(32)]
    public string? Code { get; set; }

    [Required(AllowEmptyStrings = false)]
    [MaxLength(50)]
    public string Category { get; set; } = "";

    public string? Description { get; set; }

    [MaxLength(200)]
    public string? Specimen { get; set; }

    [MaxLength(500)]
    public string? Preparation { get; set; }

    [Range(0, int.MaxValue)]
    public int? TurnaroundHours { get; set; }

    [Range(0, int.MaxValue)]
    public int? ValidityDays { get; set; }

    /// <summary>Stored as numeric(12,2): at most 9,999,999,999.99, in cents.</summary>
    [Range(typeof(decimal), "0", "9999999999.99")]
    public decimal? Price { get; set; }

    [Required]
    [MaxLength(10)]
    public string ApplicableSex { get; set; } = Sex.Any;

    [Range(0, Applicability.MaxAgeYears)]
    public int? MinAgeYears { get; set; }

    [Range(0, Applicability.MaxAgeYears)]
    public int? MaxAgeYears { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public ICollection<Tag> Tags { get; set; } = [];

    public bool AppliesTo(string? sex, int? ageYears) =>
        Applicability.Matches(ApplicableSex, MinAgeYears, MaxAgeYears, sex, ageYears);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Sex.IsValid(ApplicableSex))
        {
            yield return new ValidationResult(
                $"ApplicableSex must be one of {string.Join(", ", Sex.All)}.", [nameof(ApplicableSex)]);
        }

        if (Price is { } price && decimal.Round(price, 2) != price)
        {
            yield return new ValidationResult("Price must have at most two decimal places.", [nameof(Price)]);
        }

        if (MinAgeYears > MaxAgeYears)
        {
            yield return new ValidationResult(
                "MinAgeYears must not be greater than MaxAgeYears.", [nameof(MinAgeYears), nameof(MaxAgeYears)]);
        }
    }
}
