using System.Net;
using System.Text;

namespace DiagnosticTests.Tests.Auth;

/// <summary>POST /api/auth/register: anyone may create a Reader account; the answer never carries the password.</summary>
public sealed class RegistrationTests : AccountTestBase
{
    [Test]
    public async Task Registering_answers_201_with_the_id_email_name_and_the_Reader_role_only()
    {
        using var client = Anonymous();

        using var response = await PostJson(client, "/api/auth/register",
            new { email = "ada@example.com", password = Password, name = "Ada Lovelace" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var body = await ReadJson(response);
        var storedId = await Scalar<int>("""SELECT "Id" FROM "Users" WHERE "Email" = 'ada@example.com'""");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "id", "email", "name", "role" }));
            Assert.That(body.GetProperty("id").GetInt32(), Is.EqualTo(storedId));
            Assert.That(body.GetProperty("email").GetString(), Is.EqualTo("ada@example.com"));
            Assert.That(body.GetProperty("name").GetString(), Is.EqualTo("Ada Lovelace"));
            Assert.That(body.GetProperty("role").GetString(), Is.EqualTo("Reader"));
        }
    }

    [Test]
    public async Task Registering_stores_a_hash_and_not_the_password_itself()
    {
        await Register("ada@example.com", "Ada Lovelace");

        var hash = await Scalar<string>("""SELECT "PasswordHash" FROM "Users" WHERE "Email" = 'ada@example.com'""");

        Assert.That(hash, Is.Not.Empty.And.Not.Contains(Password));
    }

    [TestCase("ada@example.com")]
    [TestCase("ADA@Example.COM")]
    public async Task Registering_an_email_that_is_already_taken_answers_409_and_keeps_one_account(string secondEmail)
    {
        await Register("ada@example.com", "Ada Lovelace");
        using var client = Anonymous();

        using var response = await PostJson(client, "/api/auth/register",
            new { email = secondEmail, password = "another-Passw0rd", name = "Impostor" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await UsersWithEmail("ada@example.com"), Is.EqualTo(1));
            Assert.That(await Scalar<string>("""SELECT "Name" FROM "Users" """), Is.EqualTo("Ada Lovelace"));
        }
    }

    [Test]
    public async Task A_password_of_seven_characters_is_refused_with_a_problem_naming_the_password()
    {
        using var client = Anonymous();

        using var response = await PostJson(client, "/api/auth/register",
            new { email = "ada@example.com", password = "Sh0rt!x", name = "Ada Lovelace" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ReadJson(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(400));
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name.ToLowerInvariant()), Does.Contain("password"));
            Assert.That(await UserCount(), Is.Zero);
        }
    }

    [Test]
    public async Task An_invalid_email_is_refused_with_a_problem_naming_the_email()
    {
        using var client = Anonymous();

        using var response = await PostJson(client, "/api/auth/register",
            new { email = "not-an-email", password = Password, name = "Ada Lovelace" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ReadJson(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name.ToLowerInvariant()), Does.Contain("email"));
            Assert.That(await UserCount(), Is.Zero);
        }
    }

    [Test]
    public async Task A_malformed_json_body_answers_400_and_not_500()
    {
        using var client = Anonymous();
        using var body = new StringContent("""{"email": "ada@example.com", "password": """, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/auth/register", body);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(await UserCount(), Is.Zero);
        }
    }
}
