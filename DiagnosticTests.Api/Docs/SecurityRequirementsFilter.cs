using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Puts the padlock only on operations that need a signed-in user, and names the roles they need.
/// </summary>
/// <remarks>
/// Every endpoint needs authentication unless it allows anonymous access (the fallback policy), so "anonymous"
/// is read from the endpoint the router really uses: the service document and $metadata are opened by an
/// endpoint convention in ODataSetup that the ApiExplorer's action descriptors never see.
/// </remarks>
public sealed class SecurityRequirementsFilter(EndpointDataSource endpoints, IOptions<AuthorizationOptions> authorization) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var api = context.ApiDescription;
        var metadata = EndpointMetadata(api.ActionDescriptor);
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        operation.Security = SecuritySchemes.For(new HttpMethod(api.HttpMethod ?? "GET"), context.Document);

        var roles = RequiredRoles(metadata);
        if (roles.Count > 0)
        {
            operation.Description = Append(operation.Description, $"**Roles:** {string.Join(", ", roles)}.");
        }

        // The same wording as the service's own 401/403 bodies (ErrorResponses), in the format of the API addressed.
        var isOData = api.RelativePath?.StartsWith("odata", StringComparison.Ordinal) == true;
        OpenApiResponse Error(string description, string code, string message) => isOData
            ? ODataPayloadSchemas.Error(description, code, message, context.SchemaRepository, context.Document)
            : new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType
                    {
                        Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository),
                    },
                },
            };

        operation.Responses ??= [];
        operation.Responses.TryAdd("401", Error("Not signed in, or the token is expired or revoked.",
            "Unauthorized", "Authentication is required: send 'Authorization: Bearer <token>' (POST /api/auth/token issues one)."));
        // Reads need no role beyond signing in; writes can also be refused to a read-only personal access token.
        if (roles.Count > 0 || api.HttpMethod != "GET")
        {
            operation.Responses.TryAdd("403", Error("Signed in, but the role or credential does not allow this request.",
                "Forbidden", "Your role or credential does not allow this request."));
        }
    }

    // The policies are all registered by name in AuthorizationOptions (Policies.Add), so they can be read without the async provider.
    private List<string> RequiredRoles(IReadOnlyList<object> metadata) =>
        metadata.OfType<IAuthorizeData>()
            .SelectMany(a => a.Policy is { } name ? authorization.Value.GetPolicy(name)?.Requirements ?? [] : [])
            .Concat(metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements))
            .OfType<RolesAuthorizationRequirement>()
            .SelectMany(r => r.AllowedRoles)
            .Concat(metadata.OfType<IAuthorizeData>().SelectMany(a => a.Roles?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private IReadOnlyList<object> EndpointMetadata(ActionDescriptor action) =>
        endpoints.Endpoints.FirstOrDefault(e => ReferenceEquals(e.Metadata.GetMetadata<ActionDescriptor>(), action))?.Metadata
        // Minimal APIs: their ApiDescription already carries the endpoint's metadata.
        ?? (IReadOnlyList<object>)action.EndpointMetadata;

    private static string Append(string? text, string addition) =>
        string.IsNullOrEmpty(text) ? addition : text + "\n\n" + addition;
}
