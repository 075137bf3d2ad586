using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// The ways a client can authenticate, as OpenAPI security schemes. This is the one place to touch when a
/// scheme changes: <see cref="SecurityRequirementsFilter"/> decides per operation which of them apply.
/// </summary>
/// <remarks>
/// The personal-access-token schemes (<see cref="Basic"/>, <see cref="ApiKey"/>) are documented ahead of the
/// handler being built: a token goes in as the Basic password or as the <c>api-key</c> query parameter, and is
/// read-only, so they are listed as alternatives on GET operations only.
/// </remarks>
public static class SecuritySchemes
{
    public const string Bearer = "Bearer";
    public const string Basic = "basic";
    public const string ApiKey = "api-key";

    /// <summary>The query parameter that carries a personal access token (Power BI and Excel cannot send headers everywhere).</summary>
    public const string ApiKeyParameter = "api-key";

    private const string PersonalAccessToken =
        "Personal access token (read-only), for clients that cannot send a bearer JWT such as Excel and Power BI. "
        + "Create one with POST /api/auth/personal-access-tokens; writes with it answer 403.";

    public static void AddDefinitions(SwaggerGenOptions swagger)
    {
        swagger.AddSecurityDefinition(Bearer, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT from POST /api/auth/token: paste the access_token value (without 'Bearer ').",
        });
        swagger.AddSecurityDefinition(Basic, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = PersonalAccessToken + " Send the token as the password; the user name is ignored.",
        });
        swagger.AddSecurityDefinition(ApiKey, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = ApiKeyParameter,
            Description = PersonalAccessToken + " Send the token as the api-key query parameter.",
        });
    }

    /// <summary>
    /// The requirements for an operation that needs a signed-in user. Each entry is an alternative: a bearer JWT
    /// always works; a personal access token only for reads.
    /// </summary>
    public static List<OpenApiSecurityRequirement> For(HttpMethod method, OpenApiDocument? document)
    {
        var schemes = method == HttpMethod.Get ? new[] { Bearer, Basic, ApiKey } : [Bearer];
        return schemes
            .Select(scheme => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] })
            .ToList();
    }
}
