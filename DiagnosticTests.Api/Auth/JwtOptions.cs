using System.Text;

namespace DiagnosticTests.Api.Auth;

public sealed class JwtOptions
{
    public const string Section = "Jwt";
    public const int MinKeyBytes = 32;

    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "DiagnosticTests";

    public string Audience { get; set; } = "DiagnosticTests";

    public int LifetimeMinutes { get; set; } = 60;

    public byte[] SigningKeyBytes => Encoding.UTF8.GetBytes(SigningKey ?? "");

    public bool HasStrongKey => SigningKeyBytes.Length >= MinKeyBytes;

    /// <summary>The placeholders in .env.sample start like this; a deployment that kept one has a public key.</summary>
    public bool IsPlaceholderKey => SigningKey?.StartsWith("change-me", StringComparison.OrdinalIgnoreCase) == true;
}
