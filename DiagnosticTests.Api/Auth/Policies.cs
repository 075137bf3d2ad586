using DiagnosticTests.Api.Auth.AccessTokens;
using DiagnosticTests.Domain;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace DiagnosticTests.Api.Auth;

/// <summary>Reader reads; Editor also writes the catalogue; Admin also manages users.</summary>
public static class Policies
{
    public const string Editor = nameof(Editor);
    public const string Admin = nameof(Admin);

    public static void Add(AuthorizationOptions options)
    {
        // Both schemes on every policy: either credential signs in, and a 401 challenges with both
        // (WWW-Authenticate: Bearer, and Basic so Excel shows its credentials prompt).
        var signedIn = new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme, PersonalAccessTokenHandler.SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(new WriteAccessRequirement())
            .Build();
        // Secure by default: every endpoint needs a signed-in user unless it says [AllowAnonymous].
        options.FallbackPolicy = signedIn;
        options.DefaultPolicy = signedIn;
        options.AddPolicy(Editor, policy => policy.Combine(signedIn).RequireRole(Roles.Editor, Roles.Admin));
        options.AddPolicy(Admin, policy => policy.Combine(signedIn).RequireRole(Roles.Admin));
    }
}
