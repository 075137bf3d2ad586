using System.Security.Cryptography;

namespace DiagnosticTests.Api.Caching;

public static class EntityTags
{
    /// <summary>A strong ETag: the same bytes always give the same tag, different bytes a different one.</summary>
    public static string For(ReadOnlySpan<byte> body) =>
        "\"" + Convert.ToBase64String(SHA256.HashData(body)[..18]).Replace('+', '-').Replace('/', '_') + "\"";

    public static bool Matches(HttpRequest request, string etag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        return ifNoneMatch.Length > 0
            && (ifNoneMatch.Trim() == "*" || ifNoneMatch.Split(',').Any(candidate => candidate.Trim() == etag));
    }
}
