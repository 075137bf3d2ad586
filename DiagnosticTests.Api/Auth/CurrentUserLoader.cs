using System.Security.Claims;
using DiagnosticTests.Api.Caching;
using DiagnosticTests.Api.Data;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;

namespace DiagnosticTests.Api.Auth;

/// <summary>
/// Turns a validated credential into the caller's identity from the database, on every request,
/// so a role change or a deactivation takes effect at once rather than at token expiry.
/// </summary>
public static class CurrentUserLoader
{
    /// <summary>The identity of a validated bearer token's subject (its <c>sub</c> claim).</summary>
    /// <returns>The identity, or null when the token names no user, or the user no longer exists or is inactive.</returns>
    public static ValueTask<ClaimsIdentity?> LoadForTokenAsync(HttpContext context, ClaimsIdentity? token) =>
        int.TryParse(token?.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var userId)
            ? LoadAsync(context, userId, JwtBearerDefaults.AuthenticationScheme, readOnly: false)
            : ValueTask.FromResult<ClaimsIdentity?>(null);

    /// <returns>The identity, or null when the user no longer exists or is inactive.</returns>
    public static async ValueTask<ClaimsIdentity?> LoadAsync(HttpContext context, int userId, string authenticationType, bool readOnly)
    {
        // The context is resolved only on a miss: a read answered from the response cache then needs none.
        var user = await context.RequestServices.GetRequiredService<AccountCache>().GetOrLoadAsync(
            "user",
            userId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            () => context.RequestServices.GetRequiredService<AppDbContext>().Users.AsNoTracking()
                .Where(u => u.Id == userId && u.IsActive)
                .Select(u => new SignedInUser(u.Email, u.Role))
                .SingleOrDefaultAsync(context.RequestAborted));
        if (user is null)
        {
            return null;
        }

        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Email, ClaimTypes.Role);
        AddClaim(identity, ClaimTypes.NameIdentifier, userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AddClaim(identity, ClaimTypes.Email, user.Email);
        AddClaim(identity, ClaimTypes.Role, user.Role);
        if (readOnly)
        {
            AddClaim(identity, AppClaims.ReadOnly, "true");
        }

        return identity;
    }

    // Made with the identity as its subject: a claim of another subject (or none) is copied when added.
    private static void AddClaim(ClaimsIdentity identity, string type, string value) =>
        identity.AddClaim(new Claim(type, value, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));
}

internal sealed record SignedInUser(string Email, string Role);
