using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Puts the padlock only on operations that need a signed-in user, with the credentials their policies accept,
/// and names the roles they need.
/// </summary>
/// <remarks>
/// Every endpoint needs authentication unless it allows anonymous access (the fallback policy), so "anonymous"
/// is read from the endpoint the router really uses: the service document and $metadata are opened by an
/// endpoint convention in ODataSetup that the ApiExplorer's action descriptors never see. Synchronous on
/// purpose: Swashbuckle runs async operation filters before all synchronous ones, and this one must run
/// after <see cref="ODataResponsesFilter"/>, which replaces the response list it adds 401/403 to.
/// </remarks>
public sealed class SecurityRequirementsFilter(
    EndpointDataSource endpoints, IOptions<AuthorizationOptions> authorization, IOptions<AuthenticationOptions> authentication) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var api = context.ApiDescription;
        var metadata = EndpointMetadata(api.ActionDescriptor);
        var policies = Policies(metadata);
        if (metadata.OfType<IAllowAnonymous>().Any() || policies.Count == 0)
        {
            return;
        }

        var handlers = policies.SelectMany(p => p.AuthenticationSchemes).Distinct(StringComparer.Ordinal).ToList();
        if (handlers.Count == 0 && (authentication.Value.DefaultAuthenticateScheme ?? authentication.Value.DefaultScheme) is { } defaultHandler)
        {
            handlers.Add(defaultHandler);
        }

        operation.Security = SecuritySchemes.For(handlers, isRead: api.HttpMethod == "GET", context.Document);

        var roles = policies.SelectMany(p => p.Requirements).OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (roles.Count > 0)
        {
            operation.Description = Append(operation.Description, $"**Roles:** {string.Join(", ", roles)}.");
        }

        // The same wording as the service's own 401/403 bodies (ErrorResponses), in the format of the API addressed.
        OpenApiResponse Error(string description, string code, string message) => ErrorResponseDocs.For(api, context, description, code, message);

        operation.Responses ??= [];
        operation.Responses.TryAdd("401", Error("Not signed in, or the credential is expired, revoked or of an inactive user.",
            "Unauthorized", "Authentication is required: send 'Authorization: Bearer <token>' (POST /api/auth/token), "
            + "or a personal access token as the Basic password or the api-key query parameter."));
        // Reads need no role beyond signing in; writes can also be refused to a read-only personal access token.
        if (roles.Count > 0 || api.HttpMethod != "GET")
        {
            operation.Responses.TryAdd("403", Error("Signed in, but the role or credential does not allow this request.",
                "Forbidden", "Your role or credential does not allow this request."));
        }
    }

    /// <summary>The policies the authorization middleware combines for an endpoint with this metadata.</summary>
    private List<AuthorizationPolicy> Policies(IReadOnlyList<object> metadata)
    {
        var options = authorization.Value;
        var authorizeData = metadata.OfType<IAuthorizeData>().ToList();
        var named = authorizeData.Count == 0
            ? [options.FallbackPolicy]
            : authorizeData.Select(a => a.Policy is { } name ? options.GetPolicy(name) : options.DefaultPolicy);
        return named.Concat(metadata.OfType<AuthorizationPolicy>()).OfType<AuthorizationPolicy>().ToList();
    }

    private IReadOnlyList<object> EndpointMetadata(ActionDescriptor action) =>
        endpoints.Endpoints.FirstOrDefault(e => ReferenceEquals(e.Metadata.GetMetadata<ActionDescriptor>(), action))?.Metadata
        // Minimal APIs: their ApiDescription already carries the endpoint's metadata.
        ?? (IReadOnlyList<object>)action.EndpointMetadata;

    private static string Append(string? text, string addition) =>
        string.IsNullOrEmpty(text) ? addition : text + "\n\n" + addition;
}
