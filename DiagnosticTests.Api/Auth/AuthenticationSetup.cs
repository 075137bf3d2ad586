using System.Security.Claims;
using DiagnosticTests.Api.Auth.AccessTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DiagnosticTests.Api.Auth;

public static class AuthenticationSetup
{
    /// <summary>
    /// JWT bearer tokens for programs and Swagger UI, and personal access tokens (read-only) for Excel and
    /// Power BI; the authorization policies accept either.
    /// </summary>
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<JwtOptions>()
            .Bind(configuration.GetSection(JwtOptions.Section))
            .PostConfigure(jwt => UseEphemeralKeyInDevelopment(jwt, environment))
            .Validate(jwt => jwt.HasStrongKey, $"Jwt:SigningKey must be set to at least {JwtOptions.MinKeyBytes} bytes (environment variable Jwt__SigningKey).")
            .Validate(jwt => jwt.LifetimeMinutes > 0, "Jwt:LifetimeMinutes must be positive.")
            .Validate(jwt => environment.IsDevelopment() || !jwt.IsPlaceholderKey, "Jwt:SigningKey is still the placeholder from .env.sample; set a random value.")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TokenIssuer>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokenHandler.SchemeName, configureOptions: null);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, TimeProvider>((bearer, jwt, clock) =>
            {
                bearer.MapInboundClaims = false;
                // Nothing reads the token back from the ticket; storing it cost a dictionary per request.
                bearer.SaveToken = false;
                bearer.TokenHandlers.Clear();
                bearer.TokenHandlers.Add(new RememberingTokenHandler(clock));
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Value.Issuer,
                    ValidAudience = jwt.Value.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(jwt.Value.SigningKeyBytes),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                bearer.Events = new JwtBearerEvents { OnTokenValidated = ReplaceWithCurrentUser };
            });

        // Resolved in place of the JwtBearerHandler that AddJwtBearer registered for the scheme.
        services.AddTransient<JwtBearerHandler, RememberedBearerHandler>();
        // The framework registers these as transient, so every request built a new evaluator, authorization service
        // and handler provider (about 0.9 KB of a one-row read's allocations). None of them keeps per-request state,
        // and every handler they run is a singleton or stateless, so one of each serves all requests.
        services.AddSingleton<IAuthorizationHandlerProvider, DefaultAuthorizationHandlerProvider>();
        services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<IPolicyEvaluator, CredentialAwarePolicyEvaluator>();
        return services;
    }

    private static async Task ReplaceWithCurrentUser(TokenValidatedContext context)
    {
        var identity = await CurrentUserLoader.LoadForTokenAsync(context.HttpContext, context.Principal?.Identity as ClaimsIdentity);
        if (identity is null)
        {
            context.Fail("The user of this token no longer exists or is inactive.");
            return;
        }

        context.Principal = new ClaimsPrincipal(identity);
    }

    // Development must work straight after `dotnet run`; outside it a missing key stops start-up.
    private static void UseEphemeralKeyInDevelopment(JwtOptions jwt, IHostEnvironment environment)
    {
        if (environment.IsDevelopment() && string.IsNullOrEmpty(jwt.SigningKey))
        {
            jwt.SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        }
    }
}
