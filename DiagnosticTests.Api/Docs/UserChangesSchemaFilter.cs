using System.Text.Json.Nodes;
using DiagnosticTests.Api.Users;
using DiagnosticTests.Domain;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Shapes <see cref="UserChanges"/>, the body of POST/PATCH Users and PATCH Me: the one schema in which a
/// password may appear (write-only, never in User). It is a plain CLR body, so Swashbuckle would camelCase its
/// names; under /odata they are written as everywhere else in OData, PascalCase (the binder accepts either).
/// </summary>
public sealed class UserChangesSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(UserChanges) || schema is not OpenApiSchema { Properties: { } properties } target)
        {
            return;
        }

        var renamed = typeof(UserChanges).GetProperties()
            .Select(p => (p.Name, Schema: properties.FirstOrDefault(e => string.Equals(e.Key, p.Name, StringComparison.OrdinalIgnoreCase)).Value))
            .Where(p => p.Schema is not null)
            .ToDictionary(p => p.Name, p => p.Schema!);
        target.Properties = renamed;
        // Replaces the type's XML summary, which is written for the service's developers.
        target.Description = "The writable fields of a user: send only the ones to change. Unknown properties are refused (400).";

        if (renamed.GetValueOrDefault(nameof(UserChanges.Password)) is OpenApiSchema password)
        {
            password.WriteOnly = true;
            password.Format = "password";
            password.MinLength = PasswordPolicy.MinLength;
            password.MaxLength = PasswordPolicy.MaxLength;
            password.Description = "Required when creating a user. Stored hashed; never returned.";
        }

        if (renamed.GetValueOrDefault(nameof(UserChanges.Email)) is OpenApiSchema email)
        {
            email.Format = "email";
        }

        if (renamed.GetValueOrDefault(nameof(UserChanges.Role)) is OpenApiSchema role)
        {
            role.Enum = Roles.All.Select(r => (JsonNode)JsonValue.Create(r)).ToList();
            role.Description = "Users only (not Me). Reader by default.";
        }

        if (renamed.GetValueOrDefault(nameof(UserChanges.IsActive)) is OpenApiSchema isActive)
        {
            isActive.Description = "Users only (not Me). A deactivated user is refused from the next request on.";
        }
    }
}
