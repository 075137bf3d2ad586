using System.Net;
using System.Text.Json.Nodes;
using DiagnosticTests.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace DiagnosticTests.Tests.Auth;

/// <summary>Only tokens the service signed itself, still within their lifetime and unaltered, sign anyone in.</summary>
public sealed class JwtTests : AccountTestBase
{
    private const string AdaEmail = "ada@example.com";

    [Test]
    public async Task A_token_made_with_the_service_key_is_accepted()
    {
        // The control for the tests below: the same recipe with only the key or the lifetime changed.
        var ada = await Register(AdaEmail, "Ada Lovelace");
        var now = DateTime.UtcNow;

        var status = await StatusOfMeWith(TokenSignedWith(ada, ApiFactory.SigningKey, now.AddMinutes(-1), now.AddHours(1)));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_token_signed_with_a_different_key_answers_401()
    {
        var ada = await Register(AdaEmail, "Ada Lovelace");
        var now = DateTime.UtcNow;
        const string otherKey = "some-other-signing-key-that-is-long-enough-0123456789abcdef";

        var status = await StatusOfMeWith(TokenSignedWith(ada, otherKey, now.AddMinutes(-1), now.AddHours(1)));

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task An_expired_token_answers_401()
    {
        var ada = await Register(AdaEmail, "Ada Lovelace");
        var now = DateTime.UtcNow;

        // Well past the allowed clock skew.
        var status = await StatusOfMeWith(TokenSignedWith(ada, ApiFactory.SigningKey, now.AddHours(-2), now.AddMinutes(-10)));

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_token_whose_subject_was_altered_answers_401()
    {
        using var admin = await SignedInAs("Admin");
        var adminId = await IdOf(admin);
        await Register(AdaEmail, "Ada Lovelace");
        var parts = (await TokenFor(AdaEmail)).Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        payload["sub"] = adminId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tampered = string.Join('.', parts[0], Base64UrlEncoder.Encode(payload.ToJsonString()), parts[2]);
        using var client = WithBearer(tampered);

        using var response = await client.GetAsync("/odata/Users");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_token_with_an_altered_signature_answers_401()
    {
        await Register(AdaEmail, "Ada Lovelace");
        var token = await TokenFor(AdaEmail);
        var status = await StatusOfMeWith(WithSignatureAltered(token));

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_token_with_the_signature_removed_answers_401()
    {
        await Register(AdaEmail, "Ada Lovelace");
        var parts = (await TokenFor(AdaEmail)).Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");

        var status = await StatusOfMeWith($"{header}.{parts[1]}.");

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
