using DiagnosticTests.Api.Auth;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.OData;
using DiagnosticTests.Api.Users;
using DiagnosticTests.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Controllers;

/// <summary>The caller's own profile. Role and IsActive belong to Admins and cannot be changed here.</summary>
public sealed class MeController(AppDbContext db, UserAccounts accounts) : ODataController
{
    [CatalogueQuery]
    public SingleResult<User> Get() =>
        SingleResult.Create(db.Users.AsNoTracking().Where(u => u.Id == User.GetUserId()));

    public async Task<IActionResult> Patch([FromBody] UserChanges changes, CancellationToken cancellationToken)
    {
        if (changes is null)
        {
            return ODataErrors.InvalidBody(ModelState);
        }

        if (changes.Role is not null || changes.IsActive is not null)
        {
            return ODataErrors.BadRequest("Role and IsActive cannot be changed through Me; only an Admin can change them.",
                changes.Role is not null ? nameof(Domain.User.Role) : nameof(Domain.User.IsActive));
        }

        var user = await db.Users.SingleAsync(u => u.Id == User.GetUserId(), cancellationToken);
        var result = await accounts.ChangeAsync(user, changes, cancellationToken);
        return result switch
        {
            { EmailTaken: true } => ODataErrors.Conflict("A user with this email already exists.", nameof(Domain.User.Email)),
            { Succeeded: false } => ODataErrors.Invalid(result.Errors),
            _ => Updated(result.User!),
        };
    }
}
