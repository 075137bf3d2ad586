using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.Users;
using DiagnosticTests.Domain;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Startup;

/// <summary>Creates the first admin, or promotes an existing account with that email; shared by start-up and `create-admin`.</summary>
public sealed class AdminBootstrapper(AppDbContext db, UserAccounts accounts)
{
    public const string EmailKey = "ADMIN_EMAIL";
    public const string PasswordKey = "ADMIN_PASSWORD";

    public async Task<AccountResult> CreateOrPromoteAsync(string email, string password, CancellationToken cancellationToken)
    {
        var existing = await db.Users.SingleOrDefaultAsync(u => u.Email == email.Trim(), cancellationToken);
        var admin = new UserChanges { Email = email, Password = password, Role = Roles.Admin, IsActive = true, Name = existing is null ? "Administrator" : null };
        return existing is null
            ? await accounts.CreateAsync(admin, cancellationToken)
            : await accounts.ChangeAsync(existing, admin, cancellationToken);
    }
}
