using System.Net;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.Auth;

/// <summary>ADMIN_EMAIL and ADMIN_PASSWORD create the first admin when the service starts. Each test starts a host of its own.</summary>
public sealed class FirstAdminTests : AccountTestBase
{
    private const string AdminEmail = "first-admin@example.com";
    private const string AdminPassword = "First-Admin-Passw0rd";

    private static readonly Dictionary<string, string?> FirstAdminSettings = new()
    {
        ["ADMIN_EMAIL"] = AdminEmail,
        ["ADMIN_PASSWORD"] = AdminPassword,
    };

    /// <summary>Starts (and stops) a host with the first-admin settings over the shared test database.</summary>
    private static async Task StartWithFirstAdminSettings()
    {
        await using var factory = new ApiFactory(Harness.ConnectionString, FirstAdminSettings);
        factory.StartServer();
    }

    [Test]
    public async Task The_configured_admin_can_sign_in_and_manage_users_after_start_up()
    {
        await StartWithFirstAdminSettings();

        using var admin = WithBearer(await TokenFor(AdminEmail, AdminPassword));
        using var response = await admin.GetAsync("/odata/Users");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await Scalar<string>("""SELECT "Role" FROM "Users" WHERE "Email" = @email""", ("email", AdminEmail)), Is.EqualTo("Admin"));
        }
    }

    [Test]
    public async Task Starting_again_with_the_same_settings_creates_no_second_admin()
    {
        await StartWithFirstAdminSettings();

        await StartWithFirstAdminSettings();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await UsersWithEmail(AdminEmail), Is.EqualTo(1));
            Assert.That(await Scalar<long>("""SELECT count(*) FROM "Users" WHERE "Role" = 'Admin'"""), Is.EqualTo(1));
        }
    }
}
