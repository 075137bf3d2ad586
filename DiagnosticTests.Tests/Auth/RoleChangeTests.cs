using System.Net;

namespace DiagnosticTests.Tests.Auth;

/// <summary>A role change or a deactivation applies on the user's next request, with the token they already hold.</summary>
public sealed class RoleChangeTests : AccountTestBase
{
    private const string AdaEmail = "ada@example.com";

    private static Task<long> TagCount() => Scalar<long>("""SELECT count(*) FROM "Tags" """);

    [Test]
    public async Task A_reader_cannot_create_a_tag()
    {
        using var ada = await RegisteredAndSignedIn(AdaEmail, "Ada Lovelace");

        using var response = await PostJson(ada, "/odata/Tags", new { Name = "fever" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await TagCount(), Is.Zero);
        }
    }

    [Test]
    public async Task A_reader_promoted_to_editor_creates_tags_with_the_token_they_already_hold()
    {
        using var ada = await RegisteredAndSignedIn(AdaEmail, "Ada Lovelace");
        using var before = await PostJson(ada, "/odata/Tags", new { Name = "fever" });
        await ExecuteSql("""UPDATE "Users" SET "Role" = 'Editor' WHERE "Email" = @email""", ("email", AdaEmail));

        using var after = await PostJson(ada, "/odata/Tags", new { Name = "cough" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(await Scalar<string>("""SELECT string_agg("Name", ',') FROM "Tags" """), Is.EqualTo("cough"));
        }
    }

    [Test]
    public async Task A_deactivated_user_is_refused_with_the_token_they_already_hold()
    {
        using var ada = await RegisteredAndSignedIn(AdaEmail, "Ada Lovelace");
        using var before = await ada.GetAsync("/odata/Me");
        await ExecuteSql("""UPDATE "Users" SET "IsActive" = false WHERE "Email" = @email""", ("email", AdaEmail));

        using var after = await ada.GetAsync("/odata/Me");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
    }

    [Test]
    public async Task A_deactivated_editor_can_no_longer_write_with_the_token_they_already_hold()
    {
        using var editor = await SignedInAs("Editor");
        await ExecuteSql("""UPDATE "Users" SET "IsActive" = false WHERE "Role" = 'Editor'""");

        using var response = await PostJson(editor, "/odata/Tags", new { Name = "fever" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await TagCount(), Is.Zero);
        }
    }

    [Test]
    public async Task An_editor_demoted_by_an_admin_loses_write_access_with_the_token_they_already_hold()
    {
        using var admin = await SignedInAs("Admin");
        using var editor = await SignedInAs("Editor");
        var editorId = await IdOf(editor);
        using var before = await PostJson(editor, "/odata/Tags", new { Name = "fever" });

        using var demote = await PatchJson(admin, $"/odata/Users({editorId})", new { Role = "Reader" });
        using var after = await PostJson(editor, "/odata/Tags", new { Name = "cough" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(demote.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.NoContent));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await Scalar<string>("""SELECT string_agg("Name", ',') FROM "Tags" """), Is.EqualTo("fever"));
        }
    }

    [Test]
    public async Task A_user_deactivated_by_an_admin_is_refused_with_the_token_they_already_hold()
    {
        using var admin = await SignedInAs("Admin");
        using var ada = await RegisteredAndSignedIn(AdaEmail, "Ada Lovelace");
        var adaId = await IdOf(ada);

        using var deactivate = await PatchJson(admin, $"/odata/Users({adaId})", new { IsActive = false });
        using var after = await ada.GetAsync("/odata/Me");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(deactivate.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.NoContent));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
    }
}
