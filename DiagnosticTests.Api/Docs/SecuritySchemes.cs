using DiagnosticTests.Api.Auth.AccessTokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// The ways a client can authenticate, as OpenAPI security schemes, and which authentication handler each
/// describes. This is the one place to touch when a handler is added: <see cref="SecurityRequirementsFilter"/>
/// reads the handlers each endpoint's policies accept and lists the matching schemes as alternatives.
/// </summary>
public static class SecuritySchemes
{
    public const string Bearer = "Bearer";
    public const string Basic = "basic";
    public const string ApiKey = "api-key";

    private const string PersonalAccessToken =
        "Personal access token (read-only), for clients that cannot send a bearer JWT such as Excel and Power BI. "
        + "Create one with POST /api/auth/personal-access-tokens; writes with it answer 403.";

    /// <summary>The OpenAPI schemes that describe each authentication handler.</summary>
    private static readonly Dictionary<string, string[]> ByHandler = new(StringComparer.Ordinal)
    {
        [JwtBearerDefaults.AuthenticationScheme] = [Bearer],
        [PersonalAccessTokenHandler.SchemeName] = [Basic, ApiKey],
    };

    /// <summary>Handlers whose identities may only read (WriteAccessRequirement answers their writes with 403).</summary>
    private static readonly HashSet<string> ReadOnlyHandlers = new(StringComparer.Ordinal) { PersonalAccessTokenHandler.SchemeName };

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
            Name = PersonalAccessTokenHandler.QueryParameter,
            Description = PersonalAccessToken + $" Send the token as the {PersonalAccessTokenHandler.QueryParameter} query parameter.",
        });
    }

    /// <summary>
    /// The requirements for an operation whose policies accept <paramref name="handlers"/>. Each entry is an
    /// alternative; a read-only credential is offered only where it can succeed, on reads.
    /// </summary>
    public static List<OpenApiSecurityRequirement> For(IEnumerable<string> handlers, bool isRead, OpenApiDocument? document) =>
        handlers
            .Where(handler => isRead || !ReadOnlyHandlers.Contains(handler))
            .SelectMany(handler => ByHandler.GetValueOrDefault(handler) ?? [])
            .Distinct(StringComparer.Ordinal)
            .Select(scheme => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] })
            .ToList();
}
