using System.Buffers.Text;
using System.Security.Cryptography;

namespace DiagnosticTests.Api.Caching;

public static class EntityTags
{
    /// <summary>A strong ETag: the same bytes always give the same tag, different bytes a different one.</summary>
    public static string For(ReadOnlySpan<byte> body)
    {
        // 18 of SHA-256's 32 bytes, base64url: 24 characters with no padding, written without intermediate copies.
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        Span<char> tag = stackalloc char[26];
        tag[0] = tag[^1] = '"';
        Base64Url.EncodeToChars(hash[..18], tag[1..^1]);
        return new string(tag);
    }

    public static bool Matches(HttpRequest request, string etag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        return ifNoneMatch.Length > 0
            && (ifNoneMatch.Trim() == "*" || ifNoneMatch.Split(',').Any(candidate => candidate.Trim() == etag));
    }
}
