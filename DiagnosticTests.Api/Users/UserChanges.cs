using System.Text.Json.Serialization;

namespace DiagnosticTests.Api.Users;

/// <summary>
/// The writable fields of a user. Not an EDM type on purpose: the password must be accepted on
/// writes yet never appear in the model. Unknown properties are refused, so nothing is silently ignored.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record UserChanges
{
    public string? Email { get; init; }

    public string? Name { get; init; }

    public string? Role { get; init; }

    public bool? IsActive { get; init; }

    public string? Password { get; init; }
}
