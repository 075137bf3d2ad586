using System.Net;
using DiagnosticTests.Tests.Auth;

namespace DiagnosticTests.Tests.Users;

/// <summary>/odata/Me: every signed-in user reads and updates their own profile, but not their role or status.</summary>
public sealed class MeTests : AccountTestBase
{
    private const string AdaEmail = "ada@example.com";

    [Test]
    public async Task A_user_reads_their_own_profile()
    {
        using var ada = await RegisteredAndSignedIn(AdaEmail, "Ada Lovelace");

        using var response = await ada.GetAsync("/odata/Me");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var me = await ReadJson(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(me.GetProperty("Email").GetString(), Is.EqualTo(AdaEmail));
            Assert.That(me.GetProperty("Name").GetString(), Is.EqualTo("Ada Lovelace"));
            Assert.That(me.GetProperty("Role").GetString(), Is.EqualTo("Reader"));
            Assert.That(me.GetProperty("IsActive").GetBoolean(), Is.True);
        }
    }

    [Test]
    public async Task The_profile_carries_no_password_or_hash()
    {
        using var ada = await RegisteredAndSignedIn(AdaEmail, "Ada Lovelace");

        using var response = await ada.GetAsync("/odata/Me");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(PropertyNamesIn(await ReadJson(response)), Has.None.Contains("Password").IgnoreCase);
    }

    [Test]
    public async Task Patching_the_name_changes_what_the_profile_shows()
    {
        using var ada = await RegisteredAndSignedIn(AdaEmail, "Ada Lovelace");

        using var patch = await PatchJson(ada, "/odata/Me", new { Name = "Augusta Ada King" });
        using var read = await ada.GetAsync("/odata/Me");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(patch.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.NoContent));
            Assert.That((await ReadJson(read)).GetProperty("Name").GetString(), Is.EqualTo("Augusta Ada King"));
        }
    }

    [Test]
    public async Task After_patching_the_password_only_the_new_password_gets_a_token()
    {
        using var ada = await RegisteredAndSignedIn(AdaEmail, "Ada Lovelace");

        using var patch = await PatchJson(ada, "/odata/Me", new { Password = "Analytical-Engine-1843" });
        using var withOld = await RequestToken(AdaEmail, Password);
        using var withNew = await RequestToken(AdaEmail, "Analytical-Engine-1843");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(patch.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.NoContent));
            Assert.That(withOld.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(withNew.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [TestCase("Role", "Admin")]
    [TestCase("IsActive", false)]
    public async Task Patching_role_or_status_through_Me_answers_400_and_changes_nothing(string property, object value)
    {
        var id = await Register(AdaEmail, "Ada Lovelace");
        using var ada = WithBearer(await TokenFor(AdaEmail));

        using var response = await PatchJson(ada, "/odata/Me", new Dictionary<string, object> { [property] = value });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await ReadJson(response)).GetProperty("error").GetProperty("target").GetString(), Is.EqualTo(property));
            Assert.That(await RoleInDatabase(id), Is.EqualTo("Reader"));
            Assert.That(await Scalar<bool>("""SELECT "IsActive" FROM "Users" WHERE "Id" = @id""", ("id", id)), Is.True);
        }
    }

    [Test]
    public async Task Patching_an_unknown_property_answers_400_and_changes_nothing()
    {
        var id = await Register(AdaEmail, "Ada Lovelace");
        using var ada = WithBearer(await TokenFor(AdaEmail));

        using var response = await PatchJson(ada, "/odata/Me", new { Name = "Augusta Ada King", Nickname = "Ada" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await ReadJson(response)).GetProperty("error").GetProperty("message").GetString(), Does.Contain("Nickname"));
            Assert.That(await Scalar<string>("""SELECT "Name" FROM "Users" WHERE "Id" = @id""", ("id", id)), Is.EqualTo("Ada Lovelace"));
        }
    }

    [Test]
    public async Task Patching_the_email_to_another_users_email_answers_409_and_keeps_both()
    {
        await Register("grace@example.com", "Grace Hopper");
        var id = await Register(AdaEmail, "Ada Lovelace");
        using var ada = WithBearer(await TokenFor(AdaEmail));

        using var response = await PatchJson(ada, "/odata/Me", new { Email = "grace@example.com" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await Scalar<string>("""SELECT "Email" FROM "Users" WHERE "Id" = @id""", ("id", id)), Is.EqualTo(AdaEmail));
            Assert.That(await UsersWithEmail("grace@example.com"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Posting_to_Me_answers_405_and_creates_no_user()
    {
        using var ada = await RegisteredAndSignedIn(AdaEmail, "Ada Lovelace");

        using var response = await PostJson(ada, "/odata/Me", new { Email = "grace@example.com", Name = "Grace Hopper", Password });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(await UserCount(), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Deleting_Me_answers_405_and_keeps_the_account()
    {
        using var ada = await RegisteredAndSignedIn(AdaEmail, "Ada Lovelace");

        using var response = await ada.DeleteAsync("/odata/Me");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(await UsersWithEmail(AdaEmail), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Reading_Me_without_a_token_answers_401_with_a_bearer_challenge()
    {
        using var client = Anonymous();

        using var response = await client.GetAsync("/odata/Me");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
        }
    }
}
