using System.Buffers;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using DiagnosticTests.Api.Caching;
using DiagnosticTests.Api.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DiagnosticTests.Api.Auth.AccessTokens;

/// <summary>
/// Accepts a personal access token as the password of HTTP Basic (any user name: Excel's OData feed
/// dialog) or as the query parameter <c>api-key</c> (Power BI's ApiKeyName). The identity is read-only.
/// </summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    System.Text.Encodings.Web.UrlEncoder encoder,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PersonalAccessToken";
    public const string QueryParameter = "api-key";
    public const string Realm = "DiagnosticTests";

    // Recording every use would turn each read into a write; a few minutes of precision is enough.
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(5);
    private static readonly SearchValues<string> ApiInAnyCase = SearchValues.Create(["api"], StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenFromBasicPassword() ?? TokenFromQuery();
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var db = Context.RequestServices.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var hash = TokenHashing.Hash(token);
        var stored = await Context.RequestServices.GetRequiredService<AccountCache>().GetOrLoadAsync(
            "token",
            hash,
            () => db.PersonalAccessTokens.AsNoTracking()
                .Where(t => t.TokenHash == hash)
                .Select(t => new StoredToken(t.Id, t.UserId, t.ExpiresAt, t.LastUsedAt))
                .SingleOrDefaultAsync(Context.RequestAborted));
        if (stored is null || now >= stored.ExpiresAt)
        {
            return AuthenticateResult.Fail("The personal access token is unknown, revoked or expired.");
        }

        var identity = await CurrentUserLoader.LoadAsync(Context, stored.UserId, SchemeName, readOnly: true);
        if (identity is null)
        {
            return AuthenticateResult.Fail("The owner of this token no longer exists or is inactive.");
        }

        if (stored.LastUsedAt is null || now - stored.LastUsedAt > LastUsedPrecision)
        {
            await db.PersonalAccessTokens.Where(t => t.Id == stored.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>
    /// Whether <paramref name="request"/> may carry a personal access token at all: an Authorization header other than
    /// a bearer one, or something like <c>api-key</c> in its query. A cheap look, without parsing either.
    /// </summary>
    public static bool MayCarryToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return (authorization.Length > 0 && !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            || MayHaveQueryKey(request);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append("WWW-Authenticate", $"Basic realm=\"{Realm}\", charset=\"UTF-8\"");
        return Task.CompletedTask;
    }

    private string? TokenFromBasicPassword()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(header.Parameter))
        {
            return null;
        }

        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 && colon < credentials.Length - 1 ? credentials[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string? TokenFromQuery()
    {
        if (!MayHaveQueryKey(Request) || !Request.Query.TryGetValue(QueryParameter, out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            return null;
        }

        // Once read, the key leaves the request, so it is never echoed into @odata.nextLink, a body or a log line.
        Request.QueryString = QueryString.Create(Request.Query.Where(q => !string.Equals(q.Key, QueryParameter, StringComparison.OrdinalIgnoreCase)));
        return values.ToString();
    }

    // Parsing a whole query string for a key that is not there cost about 1% of a tag search. A query without "api"
    // has no api-key, unless a client percent-escaped the name's letters, which none does. SearchValues, because
    // string.Contains ignoring case compares char by char under invariant globalization (0.5% of a tag search).
    private static bool MayHaveQueryKey(HttpRequest request) =>
        request.QueryString.Value.AsSpan().ContainsAny(ApiInAnyCase);
}

internal sealed record StoredToken(int Id, int UserId, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt);
