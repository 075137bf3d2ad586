using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DiagnosticTests.Api.Auth;

/// <summary>
/// Validates bearer tokens with <see cref="JsonWebTokenHandler"/> and remembers each valid one, by its exact text,
/// until the validator itself would stop accepting it (expiry plus the allowed clock skew). A client sends the same
/// token with every request of its lifetime, and checking the signature and parsing the claims again each time cost
/// about a seventh of a small read's CPU. Only that check is skipped: the account behind the token is still loaded on
/// every request (<see cref="CurrentUserLoader"/>), so deactivation and role changes apply at once. A token that
/// fails is never remembered, and any other text (a changed signature, say) is validated afresh.
/// </summary>
/// <remarks>
/// One instance belongs to one <c>JwtBearerOptions</c>, whose key, issuer and audience it was validated against;
/// options built again get a new handler with nothing remembered.
/// </remarks>
public sealed class RememberingTokenHandler(TimeProvider clock) : TokenHandler
{
    /// <summary>Distinct tokens kept at most; past this, expired ones are dropped, then all if still full.</summary>
    public const int Capacity = 4096;

    private readonly JsonWebTokenHandler _validator = new() { MapInboundClaims = false };
    private readonly ConcurrentDictionary<string, Remembered> _valid = new(StringComparer.Ordinal);

    public override int MaximumTokenSizeInBytes
    {
        get => _validator.MaximumTokenSizeInBytes;
        set => _validator.MaximumTokenSizeInBytes = value;
    }

    public override SecurityToken ReadToken(string token) => _validator.ReadToken(token);

    /// <summary>What was remembered for exactly this token, while the validator would still accept it; else null.</summary>
    public TokenValidationResult? Recall(ReadOnlySpan<char> token) =>
        _valid.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out var remembered)
        && clock.GetUtcNow().UtcDateTime < remembered.AcceptedUntil
            ? remembered.Result
            : null;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (Recall(token) is { } remembered)
        {
            return remembered;
        }

        // An expired entry, if there was one, goes now rather than at the next sweep.
        _valid.TryRemove(token, out _);
        var now = clock.GetUtcNow().UtcDateTime;
        var result = await _validator.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken.ValidTo > DateTime.MinValue)
        {
            Remember(token, new Remembered(result, result.SecurityToken.ValidTo + validationParameters.ClockSkew), now);
        }

        return result;
    }

    private void Remember(string token, Remembered remembered, DateTime now)
    {
        if (_valid.Count >= Capacity)
        {
            foreach (var (key, value) in _valid)
            {
                if (now >= value.AcceptedUntil)
                {
                    _valid.TryRemove(key, out _);
                }
            }

            if (_valid.Count >= Capacity)
            {
                _valid.Clear();
            }
        }

        _valid[token] = remembered;
    }

    private sealed record Remembered(TokenValidationResult Result, DateTime AcceptedUntil);
}
