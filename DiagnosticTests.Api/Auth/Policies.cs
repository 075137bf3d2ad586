using DiagnosticTests.Domain;
using Microsoft.AspNetCore.Authorization;

namespace DiagnosticTests.Api.Auth;

/// <summary>Reader reads; Editor also writes the catalogue; Admin also manages users.</summary>
public static class Policies
{
    public const string Editor = nameof(Editor);
    public const string Admin = nameof(Admin);

    public static void Add(AuthorizationOptions options)
    {
        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new WriteAccessRequirement()).Build();
        // Secure by default: every endpoint needs a signed-in user unless it says [AllowAnonymous].
        options.FallbackPolicy = signedIn;
        options.DefaultPolicy = signedIn;
        options.AddPolicy(Editor, policy => policy.Combine(signedIn).RequireRole(Roles.Editor, Roles.Admin));
        options.AddPolicy(Admin, policy => policy.Combine(signedIn).RequireRole(Roles.Admin));
    }
}
