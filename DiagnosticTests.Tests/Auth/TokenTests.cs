using System.Net;
using System.Text.Json.Nodes;

namespace DiagnosticTests.Tests.Auth;

/// <summary>POST /api/auth/token: credentials for a bearer token; every refusal looks the same, so no one learns which emails exist.</summary>
public sealed class TokenTests : AccountTestBase
{
    private const string AdaEmail = "ada@example.com";

    [SetUp]
    public Task RegisterAda() => Register(AdaEmail, "Ada Lovelace");

    [Test]
    public async Task Valid_credentials_get_a_bearer_token_valid_for_an_hour()
    {
        using var response = await RequestToken(AdaEmail, Password);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await ReadJson(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("access_token").GetString(), Is.Not.Null.And.Not.Empty);
            Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("Bearer"));
            Assert.That(body.GetProperty("expires_in").GetInt32(), Is.EqualTo(3600));
        }
    }

    [Test]
    public async Task The_issued_token_signs_the_user_in()
    {
        using var client = WithBearer(await TokenFor(AdaEmail));

        using var response = await client.GetAsync("/odata/Me");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJson(response)).GetProperty("Email").GetString(), Is.EqualTo(AdaEmail));
    }

    [Test]
    public async Task An_unknown_email_answers_401()
    {
        using var response = await RequestToken("nobody@example.com", Password);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("access_token"));
    }

    /// <summary>Sets up one way of failing to sign in as Ada and returns the password to try.</summary>
    private static async Task<string> PasswordFor(string failure)
    {
        if (failure == "inactive user")
        {
            await ExecuteSql("""UPDATE "Users" SET "IsActive" = false WHERE "Email" = @email""", ("email", AdaEmail));
        }

        return failure switch
        {
            "wrong password" => "Wrong-passw0rd",
            "blank password" => "",
            _ => Password,
        };
    }

    [TestCase("wrong password")]
    [TestCase("blank password")]
    [TestCase("inactive user")]
    public async Task A_refused_sign_in_answers_exactly_like_an_unknown_email(string failure)
    {
        var password = await PasswordFor(failure);
        using var unknown = await RequestToken("nobody@example.com", Password);

        using var refused = await RequestToken(AdaEmail, password);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await refused.Content.ReadAsStringAsync(), Is.EqualTo(await unknown.Content.ReadAsStringAsync()));
            Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo(unknown.Content.Headers.ContentType?.MediaType));
        }
    }

    /// <summary>
    /// Weaker than the test above on purpose: a per-request trace id reveals nothing about the account, so this
    /// one keeps guarding the status, title and detail even while the byte-for-byte comparison fails on it.
    /// </summary>
    [TestCase("wrong password")]
    [TestCase("blank password")]
    [TestCase("inactive user")]
    public async Task A_refused_sign_in_says_nothing_an_unknown_email_does_not(string failure)
    {
        var password = await PasswordFor(failure);
        using var unknown = await RequestToken("nobody@example.com", Password);

        using var refused = await RequestToken(AdaEmail, password);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await WithoutTraceId(refused), Is.EqualTo(await WithoutTraceId(unknown)));
        }
    }

    private static async Task<string> WithoutTraceId(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return body.ToJsonString();
    }
}
