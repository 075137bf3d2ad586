using System.Security.Cryptography;
using System.Text;

namespace DiagnosticTests.Api.Auth.AccessTokens;

/// <summary>
/// Tokens are 256 random bits, so a fast hash is enough to make a leaked table useless
/// (a slow password hash would only cost time on every request).
/// </summary>
public static class TokenHashing
{
    public const string Prefix = "dtpat_";

    public static string NewToken() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
