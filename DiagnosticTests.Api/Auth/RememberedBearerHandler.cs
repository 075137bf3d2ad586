using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DiagnosticTests.Api.Auth;

/// <summary>
/// The JWT bearer handler, with a short way in for a token <see cref="RememberingTokenHandler"/> already accepted:
/// its account is loaded as for any token, without the base handler's per-request copy of the validation
/// parameters, its event contexts and the principal it would replace. That machinery was about a quarter of a
/// one-row read's allocations. Anything else (a new, expired or altered token, an account that no longer signs in)
/// takes the base handler's path, so failures and challenges are the standard ones.
/// </summary>
public sealed class RememberedBearerHandler(IOptionsMonitor<JwtBearerOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : JwtBearerHandler(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Remembered() is { } token
            && await CurrentUserLoader.LoadForTokenAsync(Context, token.ClaimsIdentity) is { } identity)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
        }

        return await base.HandleAuthenticateAsync();
    }

    private TokenValidationResult? Remembered() =>
        Request.Headers.Authorization is { Count: 1 } header
        && header[0] is { } value
        && value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
        && Options.TokenHandlers is [RememberingTokenHandler tokens]
            ? tokens.Recall(value.AsSpan(Prefix.Length).Trim())
            : null;
}
