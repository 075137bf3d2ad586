using System.Net;
using DiagnosticTests.Tests.Auth;

namespace DiagnosticTests.Tests.Users;

/// <summary>/odata/Users: only Admins list, create, change and delete users; no password ever comes back.</summary>
public sealed class UsersTests : AccountTestBase
{
    private const string AdaEmail = "ada@example.com";

    [Test]
    public async Task An_admin_lists_every_user_without_passwords()
    {
        using var admin = await SignedInAs("Admin");
        var adminEmail = await Scalar<string>("""SELECT "Email" FROM "Users" WHERE "Role" = 'Admin'""");
        await Register(AdaEmail, "Ada Lovelace");
        await Register("grace@example.com", "Grace Hopper");

        using var response = await admin.GetAsync("/odata/Users");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await ReadJson(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("value").EnumerateArray().Select(u => u.GetProperty("Email").GetString()),
                Is.EquivalentTo(new[] { adminEmail, AdaEmail, "grace@example.com" }));
            Assert.That(PropertyNamesIn(body), Has.None.Contains("Password").IgnoreCase);
        }
    }

    [Test]
    public async Task An_admin_creates_a_user_who_can_then_sign_in()
    {
        using var admin = await SignedInAs("Admin");

        using var response = await PostJson(admin, "/odata/Users",
            new { Email = AdaEmail, Name = "Ada Lovelace", Role = "Editor", Password = "Analytical-Engine-1843" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var created = await ReadJson(response);
        using var token = await RequestToken(AdaEmail, "Analytical-Engine-1843");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.GetProperty("Email").GetString(), Is.EqualTo(AdaEmail));
            Assert.That(created.GetProperty("Role").GetString(), Is.EqualTo("Editor"));
            Assert.That(PropertyNamesIn(created), Has.None.Contains("Password").IgnoreCase);
            Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task Creating_a_user_with_a_taken_email_answers_409_and_keeps_one_account()
    {
        using var admin = await SignedInAs("Admin");
        await Register(AdaEmail, "Ada Lovelace");

        using var response = await PostJson(admin, "/odata/Users",
            new { Email = "Ada@Example.com", Name = "Impostor", Role = "Reader", Password });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await UsersWithEmail(AdaEmail), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Creating_a_user_with_an_unknown_role_answers_400_naming_Role()
    {
        using var admin = await SignedInAs("Admin");

        using var response = await PostJson(admin, "/odata/Users",
            new { Email = AdaEmail, Name = "Ada Lovelace", Role = "Superuser", Password });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var error = (await ReadJson(response)).GetProperty("error");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.GetProperty("target").GetString(), Is.EqualTo("Role"));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("Role"));
            Assert.That(await UsersWithEmail(AdaEmail), Is.Zero);
        }
    }

    [Test]
    public async Task Creating_a_user_without_a_password_answers_400_naming_Password()
    {
        using var admin = await SignedInAs("Admin");

        using var response = await PostJson(admin, "/odata/Users", new { Email = AdaEmail, Name = "Ada Lovelace", Role = "Reader" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var error = (await ReadJson(response)).GetProperty("error");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.GetProperty("target").GetString(), Is.EqualTo("Password"));
            Assert.That(await UsersWithEmail(AdaEmail), Is.Zero);
        }
    }

    [Test]
    public async Task An_admin_changes_the_role_of_a_user()
    {
        using var admin = await SignedInAs("Admin");
        var ada = await Register(AdaEmail, "Ada Lovelace");

        using var response = await PatchJson(admin, $"/odata/Users({ada})", new { Role = "Editor" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.NoContent));
            Assert.That(await RoleInDatabase(ada), Is.EqualTo("Editor"));
        }
    }

    [Test]
    public async Task A_deleted_user_is_gone()
    {
        using var admin = await SignedInAs("Admin");
        var ada = await Register(AdaEmail, "Ada Lovelace");

        using var delete = await admin.DeleteAsync($"/odata/Users({ada})");
        using var read = await admin.GetAsync($"/odata/Users({ada})");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await UsersWithEmail(AdaEmail), Is.Zero);
        }
    }

    [Test]
    public async Task An_admin_cannot_delete_their_own_account()
    {
        using var admin = await SignedInAs("Admin");
        var adminId = await IdOf(admin);

        using var response = await admin.DeleteAsync($"/odata/Users({adminId})");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await RoleInDatabase(adminId), Is.EqualTo("Admin"));
        }
    }

    [TestCase("Role", "Reader")]
    [TestCase("IsActive", false)]
    public async Task The_only_admin_cannot_be_demoted_or_deactivated(string property, object value)
    {
        using var admin = await SignedInAs("Admin");
        var adminId = await IdOf(admin);

        using var response = await PatchJson(admin, $"/odata/Users({adminId})", new Dictionary<string, object> { [property] = value });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await RoleInDatabase(adminId), Is.EqualTo("Admin"));
            Assert.That(await Scalar<bool>("""SELECT "IsActive" FROM "Users" WHERE "Id" = @id""", ("id", adminId)), Is.True);
        }
    }

    [TestCase("$filter=PasswordHash ne null")]
    [TestCase("$select=PasswordHash")]
    [TestCase("$orderby=PasswordHash")]
    public async Task Querying_by_the_password_hash_answers_400_because_it_is_not_in_the_model(string query)
    {
        using var admin = await SignedInAs("Admin");

        using var response = await admin.GetAsync($"/odata/Users?{query}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("AQAAAA"), "no hash in the answer");
        }
    }

    [TestCase("Reader")]
    [TestCase("Editor")]
    public async Task A_non_admin_cannot_list_users(string role)
    {
        using var client = await SignedInAs(role);

        using var response = await client.GetAsync("/odata/Users");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("@example.com"));
    }

    [TestCase("Reader")]
    [TestCase("Editor")]
    public async Task A_non_admin_cannot_read_a_single_user(string role)
    {
        var ada = await Register(AdaEmail, "Ada Lovelace");
        using var client = await SignedInAs(role);

        using var response = await client.GetAsync($"/odata/Users({ada})");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain(AdaEmail));
    }

    [TestCase("Reader")]
    [TestCase("Editor")]
    public async Task A_non_admin_cannot_create_a_user(string role)
    {
        using var client = await SignedInAs(role);

        using var response = await PostJson(client, "/odata/Users", new { Email = AdaEmail, Name = "Ada Lovelace", Role = "Admin", Password });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await UsersWithEmail(AdaEmail), Is.Zero);
        }
    }

    [TestCase("Reader")]
    [TestCase("Editor")]
    public async Task A_non_admin_cannot_change_a_user(string role)
    {
        var ada = await Register(AdaEmail, "Ada Lovelace");
        using var client = await SignedInAs(role);

        using var response = await PatchJson(client, $"/odata/Users({ada})", new { Role = "Admin", Name = "Hijacked" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await RoleInDatabase(ada), Is.EqualTo("Reader"));
            Assert.That(await Scalar<string>("""SELECT "Name" FROM "Users" WHERE "Id" = @id""", ("id", ada)), Is.EqualTo("Ada Lovelace"));
        }
    }

    [TestCase("Reader")]
    [TestCase("Editor")]
    public async Task A_non_admin_cannot_delete_a_user(string role)
    {
        var ada = await Register(AdaEmail, "Ada Lovelace");
        using var client = await SignedInAs(role);

        using var response = await client.DeleteAsync($"/odata/Users({ada})");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await UsersWithEmail(AdaEmail), Is.EqualTo(1));
        }
    }
}
