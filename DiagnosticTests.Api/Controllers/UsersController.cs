using DiagnosticTests.Api.Auth;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.OData;
using DiagnosticTests.Api.Users;
using DiagnosticTests.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Controllers;

[Authorize(Policy = Policies.Admin)]
public sealed class UsersController(AppDbContext db, UserAccounts accounts) : ODataController
{
    private const string EntitySet = "Users";

    [CatalogueQuery]
    public IQueryable<User> Get() => db.Users.AsNoTracking();

    [CatalogueQuery]
    public SingleResult<User> Get(int key) => SingleResult.Create(db.Users.AsNoTracking().Where(u => u.Id == key));

    public async Task<IActionResult> Post([FromBody] UserChanges input, CancellationToken cancellationToken)
    {
        if (input is null)
        {
            return ODataErrors.InvalidBody(ModelState);
        }

        var result = await accounts.CreateAsync(input, cancellationToken);
        return AccountResultToAction(result, created: true);
    }

    public async Task<IActionResult> Patch(int key, [FromBody] UserChanges changes, CancellationToken cancellationToken)
    {
        if (changes is null)
        {
            return ODataErrors.InvalidBody(ModelState);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == key, cancellationToken);
        if (user is null)
        {
            return ODataErrors.NotFound(EntitySet, key);
        }

        var result = await accounts.ChangeAsync(user, changes, cancellationToken);
        return AccountResultToAction(result, created: false);
    }

    public async Task<IActionResult> Delete(int key, CancellationToken cancellationToken)
    {
        if (User.GetUserId() == key)
        {
            return ODataErrors.BadRequest("You cannot delete your own account; ask another Admin.");
        }

        var deleted = await db.Users.Where(u => u.Id == key).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? ODataErrors.NotFound(EntitySet, key) : NoContent();
    }

    private IActionResult AccountResultToAction(AccountResult result, bool created) => result switch
    {
        { EmailTaken: true } => ODataErrors.Conflict("A user with this email already exists.", nameof(Domain.User.Email)),
        { Succeeded: false } => ODataErrors.Invalid(result.Errors),
        _ when created => Created(result.User!),
        _ => Updated(result.User!),
    };
}
