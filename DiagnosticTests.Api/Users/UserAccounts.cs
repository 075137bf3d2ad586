using System.ComponentModel.DataAnnotations;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Users;

public sealed record AccountResult(User? User, IReadOnlyList<ValidationResult> Errors, bool EmailTaken = false)
{
    public bool Succeeded => User is not null && Errors.Count == 0 && !EmailTaken;
}

/// <summary>The rules for creating, changing and signing in users, shared by every entry point.</summary>
public sealed class UserAccounts(AppDbContext db, IPasswordHasher<User> hasher)
{
    // Verifying against a fixed hash when the email is unknown keeps the response time the same.
    private static readonly Lazy<string> UnknownUserHash = new(() => new PasswordHasher<User>().HashPassword(new User(), Guid.NewGuid().ToString()));

    public async Task<AccountResult> CreateAsync(UserChanges input, CancellationToken cancellationToken)
    {
        var user = new User
        {
            Email = input.Email?.Trim() ?? "",
            Name = input.Name?.Trim() ?? "",
            Role = input.Role ?? Roles.Reader,
            IsActive = input.IsActive ?? true,
        };
        return await SaveAsync(user, input.Password, passwordRequired: true, cancellationToken);
    }

    public async Task<AccountResult> ChangeAsync(User user, UserChanges changes, CancellationToken cancellationToken)
    {
        user.Email = changes.Email?.Trim() ?? user.Email;
        user.Name = changes.Name?.Trim() ?? user.Name;
        user.Role = changes.Role ?? user.Role;
        user.IsActive = changes.IsActive ?? user.IsActive;
        return await SaveAsync(user, changes.Password, passwordRequired: false, cancellationToken);
    }

    /// <returns>The active user with these credentials, or null; callers answer every null the same way.</returns>
    public async Task<User?> SignInAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(email)
            ? null
            : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email.Trim(), cancellationToken);
        var verified = hasher.VerifyHashedPassword(user ?? new User(), user?.PasswordHash ?? UnknownUserHash.Value, password ?? "");
        return user is { IsActive: true } && !string.IsNullOrEmpty(password) && verified != PasswordVerificationResult.Failed
            ? user
            : null;
    }

    public Task<bool> AnyActiveAdminAsync(CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Role == Roles.Admin && u.IsActive, cancellationToken);

    private async Task<AccountResult> SaveAsync(User user, string? password, bool passwordRequired, CancellationToken cancellationToken)
    {
        var errors = EntityValidator.Validate(user).ToList();
        if (password is not null || passwordRequired)
        {
            if (PasswordPolicy.Check(password) is { } passwordError)
            {
                errors.Add(new ValidationResult(passwordError, ["Password"]));
            }
            else
            {
                user.PasswordHash = hasher.HashPassword(user, password!);
            }
        }

        if (errors.Count == 0 && await IsLastAdminLeavingAsync(user, cancellationToken))
        {
            errors.Add(new ValidationResult("The last active Admin cannot be demoted or deactivated.", ["Role"]));
        }

        if (errors.Count > 0)
        {
            return new AccountResult(null, errors);
        }

        if (await db.Users.AnyAsync(u => u.Email == user.Email && u.Id != user.Id, cancellationToken))
        {
            return new AccountResult(null, [], EmailTaken: true);
        }

        if (user.Id == 0)
        {
            db.Users.Add(user);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new AccountResult(user, []);
    }

    private async Task<bool> IsLastAdminLeavingAsync(User user, CancellationToken cancellationToken)
    {
        if (user.Id == 0 || (user.Role == Roles.Admin && user.IsActive))
        {
            return false;
        }

        var wasActiveAdmin = await db.Users.AnyAsync(u => u.Id == user.Id && u.Role == Roles.Admin && u.IsActive, cancellationToken);
        return wasActiveAdmin && !await db.Users.AnyAsync(u => u.Id != user.Id && u.Role == Roles.Admin && u.IsActive, cancellationToken);
    }
}
