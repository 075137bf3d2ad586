using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.OData;

namespace DiagnosticTests.Api.OData;

/// <summary>Error results in the OData JSON error format, never with an inner error or stack trace.</summary>
public static partial class ODataErrors
{
    public static ObjectResult Create(int statusCode, string code, string message, string? target = null) =>
        new(new ODataError { Code = code, Message = message, Target = target }) { StatusCode = statusCode };

    public static ObjectResult BadRequest(string message, string? target = null) =>
        Create(StatusCodes.Status400BadRequest, "BadRequest", message, target);

    public static ObjectResult NotFound(string entitySet, object key) =>
        Create(StatusCodes.Status404NotFound, "NotFound", $"No entity in '{entitySet}' has the key {key}.");

    public static ObjectResult Conflict(string message, string? target = null) =>
        Create(StatusCodes.Status409Conflict, "Conflict", message, target);

    public static ObjectResult Forbidden(string message) =>
        Create(StatusCodes.Status403Forbidden, "Forbidden", message);

    public static ObjectResult MethodNotAllowed(string message) =>
        Create(StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", message);

    public static ObjectResult Invalid(IReadOnlyList<ValidationResult> failures)
    {
        var error = new ODataError
        {
            Code = "ValidationFailed",
            Message = string.Join(" ", failures.Select(f => f.ErrorMessage)),
            Target = failures.SelectMany(f => f.MemberNames).FirstOrDefault(),
            Details = failures
                .Select(f => new ODataErrorDetail { Code = "ValidationFailed", Message = f.ErrorMessage, Target = f.MemberNames.FirstOrDefault() })
                .ToList(),
        };
        return new ObjectResult(error) { StatusCode = StatusCodes.Status400BadRequest };
    }

    /// <summary>A body that does not bind (bad JSON, unknown or ill-typed properties) arrives as null with model-state errors.</summary>
    public static ObjectResult InvalidBody(ModelStateDictionary modelState)
    {
        var errors = modelState.Values.SelectMany(v => v.Errors).ToList();
        // A body that failed to deserialize also yields "The x field is required." for the parameter: keep the cause.
        if (errors.Count > 1)
        {
            errors = errors.Where(e => e.Exception is not null || !e.ErrorMessage.EndsWith(" field is required.", StringComparison.Ordinal)).ToList();
        }

        var messages = errors
            .Select(e => string.IsNullOrEmpty(e.ErrorMessage) ? e.Exception?.Message : e.ErrorMessage)
            .Where(m => !string.IsNullOrEmpty(m))
            .Select(m => ClrTypeName().Replace(m!, ""))
            .Distinct()
            .ToList();
        var message = messages.Count > 0 ? string.Join(" ", messages) : "The request body is missing or is not a valid entity.";
        return BadRequest(message);
    }

    // System.Text.Json names the .NET type ("… contained in type 'DiagnosticTests.Api.Users.UserChanges'"): not the client's concern.
    [System.Text.RegularExpressions.GeneratedRegex(@" contained in type '[^']+'")]
    private static partial System.Text.RegularExpressions.Regex ClrTypeName();
}
