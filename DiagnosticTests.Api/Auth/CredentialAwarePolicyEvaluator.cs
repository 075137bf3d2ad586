using System.Runtime.CompilerServices;
using DiagnosticTests.Api.Auth.AccessTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace DiagnosticTests.Api.Auth;

/// <summary>
/// Authenticates a request only with the schemes its credential could belong to: a request with a bearer token,
/// or none, is not also offered to <see cref="PersonalAccessTokenHandler"/>. Running that handler for every read
/// (created, initialised, the Authorization header parsed, to find nothing) was about 3% of a one-row tag search.
/// Only authentication is narrowed: authorization failures still challenge every scheme of the policy, so a 401
/// keeps both WWW-Authenticate headers (Bearer, and Basic for Excel's credentials prompt).
/// </summary>
public sealed class CredentialAwarePolicyEvaluator(IAuthorizationService authorization) : PolicyEvaluator(authorization)
{
    private static readonly ConditionalWeakTable<AuthorizationPolicy, AuthorizationPolicy> WithoutAccessTokens = [];

    public override Task<AuthenticateResult> AuthenticateAsync(AuthorizationPolicy policy, HttpContext context)
    {
        if (PersonalAccessTokenHandler.MayCarryToken(context.Request))
        {
            return base.AuthenticateAsync(policy, context);
        }

        // The authentication middleware already ran the default scheme; when that is the only one left, its result
        // is the answer, without authenticating again and merging the principal into a copy of itself.
        var narrowed = Narrowed(policy);
        return narrowed.AuthenticationSchemes is [var only]
            && context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is { Succeeded: true } done
            && done.Ticket.AuthenticationScheme == only
                ? Task.FromResult(done)
                : base.AuthenticateAsync(narrowed, context);
    }

    private static AuthorizationPolicy Narrowed(AuthorizationPolicy policy) =>
        policy.AuthenticationSchemes.Contains(PersonalAccessTokenHandler.SchemeName)
            ? WithoutAccessTokens.GetValue(policy, static full => new AuthorizationPolicy(
                full.Requirements,
                full.AuthenticationSchemes.Where(scheme => scheme != PersonalAccessTokenHandler.SchemeName)))
            : policy;
}
