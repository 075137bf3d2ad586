using Microsoft.AspNetCore.Authorization;

namespace DiagnosticTests.Api.Auth;

/// <summary>
/// A read-only credential (a personal access token carries <see cref="AppClaims.ReadOnly"/>) may read
/// but never write, whatever the user's role. A $batch envelope passes: each of its parts is authorised on its own.
/// </summary>
public sealed class WriteAccessRequirement : AuthorizationHandler<WriteAccessRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, WriteAccessRequirement requirement)
    {
        var request = (context.Resource as HttpContext)?.Request;
        var isRead = request is null
            || HttpMethods.IsGet(request.Method)
            || HttpMethods.IsHead(request.Method)
            || request.Path.Value?.EndsWith("/$batch", StringComparison.Ordinal) == true;
        if (isRead || !context.User.HasClaim(AppClaims.ReadOnly, "true"))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
