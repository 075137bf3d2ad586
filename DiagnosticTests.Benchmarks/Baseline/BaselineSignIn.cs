using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace DiagnosticTests.Benchmarks.Baseline;

/// <summary>
/// The service's JWT settings for this run (the benchmark gives the service its key, issuer and audience), so the
/// baseline can check the same bearer token the same way: a hand-written endpoint for real users would sign them in too.
/// </summary>
public sealed record BaselineSignIn(string SigningKey, string Issuer, string Audience)
{
    public static BaselineSignIn Generate() =>
        new(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)), "DiagnosticTests", "DiagnosticTests");

    /// <summary>The service's environment variables for these settings.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Jwt__SigningKey"] = SigningKey,
        ["Jwt__Issuer"] = Issuer,
        ["Jwt__Audience"] = Audience,
    };

    /// <summary>JWT bearer validation as the service configures it: HS256 with this key, issuer, audience and lifetime.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer =>
        {
            bearer.MapInboundClaims = false;
            bearer.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = Issuer,
                ValidAudience = Audience,
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        services.AddAuthorization();
    }
}
