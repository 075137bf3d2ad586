using System.Globalization;
using System.Security.Claims;
using DiagnosticTests.Domain;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DiagnosticTests.Api.Auth;

public sealed record AccessToken(string Value, int ExpiresInSeconds);

public sealed class TokenIssuer(IOptions<JwtOptions> options, TimeProvider clock)
{
    public AccessToken Issue(User user)
    {
        var jwt = options.Value;
        var lifetime = TimeSpan.FromMinutes(jwt.LifetimeMinutes);
        var now = clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(JwtRegisteredClaimNames.Email, user.Email),
            ]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(jwt.SigningKeyBytes), SecurityAlgorithms.HmacSha256),
        };
        return new AccessToken(new JsonWebTokenHandler().CreateToken(descriptor), (int)lifetime.TotalSeconds);
    }
}
