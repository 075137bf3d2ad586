using System.Globalization;
using System.Security.Claims;

namespace DiagnosticTests.Api.Auth;

public static class AppClaims
{
    public const string ReadOnly = "read_only";

    public static int? GetUserId(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}
