using System.ComponentModel.DataAnnotations;

namespace DiagnosticTests.Domain;

/// <summary>A symptom, history item, risk factor or demographic that makes tests relevant.</summary>
public class Tag : IValidatableObject
{
    public int Id { get; set; }

    [Required(AllowEmptyStrings = false)]
    [MaxLength(100)]
    public string Name { get; set; } = "";

    [Required]
    [MaxLength(20)]
    public string Category { get; set; } = TagCategory.Other;

    public string? Description { get; set; }

    public ICollection<DiagnosticTest> DiagnosticTests { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TagCategory.IsValid(Category))
        {
            yield return new ValidationResult(
                $"Category must be one of {string.Join(", ", TagCategory.All)}.", [nameof(Category)]);
        }
    }
}
