using System.ComponentModel.DataAnnotations;

namespace DiagnosticTests.Domain;

/// <summary>Runs the data annotations and IValidatableObject rules of an entity, outside any framework.</summary>
public static class EntityValidator
{
    public static IReadOnlyList<ValidationResult> Validate(object entity)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(entity, new ValidationContext(entity), results, validateAllProperties: true);
        return results;
    }
}
