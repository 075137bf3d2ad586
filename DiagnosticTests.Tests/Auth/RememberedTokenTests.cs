using System.Net;
using System.Net.Http.Headers;
using DiagnosticTests.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DiagnosticTests.Tests.Auth;

/// <summary>
/// The service remembers tokens it has validated; a remembered token must still stop working when it expires,
/// and remembering one must not let any other text through.
/// </summary>
public sealed class RememberedTokenTests : AccountTestBase
{
    private const string AdaEmail = "ada@example.com";

    [Test]
    public async Task A_token_used_before_is_refused_once_it_has_expired()
    {
        // Without clock skew, so the token's own expiry is the moment it stops working.
        using var factory = Harness.Factory.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer =>
                bearer.TokenValidationParameters.ClockSkew = TimeSpan.Zero)));
        var ada = await Register(AdaEmail, "Ada Lovelace");
        var now = DateTime.UtcNow;
        var expires = now.AddSeconds(3);
        var token = TokenSignedWith(ada, ApiFactory.SigningKey, now.AddMinutes(-1), expires);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var whileValid = await client.GetAsync("/odata/Me");
        // JWT expiry is in whole seconds; wait until it has surely passed.
        await Task.Delay(expires.AddSeconds(1.5) - DateTime.UtcNow);
        using var afterExpiry = await client.GetAsync("/odata/Me");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(whileValid.StatusCode, Is.EqualTo(HttpStatusCode.OK), "before expiry");
            Assert.That(afterExpiry.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "after expiry");
        }
    }

    [Test]
    public async Task A_used_token_with_its_signature_altered_is_refused_while_the_token_itself_still_works()
    {
        await Register(AdaEmail, "Ada Lovelace");
        var token = await TokenFor(AdaEmail);

        var first = await StatusOfMeWith(token);
        var altered = await StatusOfMeWith(WithSignatureAltered(token));
        var again = await StatusOfMeWith(token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.EqualTo(HttpStatusCode.OK), "the token");
            Assert.That(altered, Is.EqualTo(HttpStatusCode.Unauthorized), "its signature altered");
            Assert.That(again, Is.EqualTo(HttpStatusCode.OK), "the token again");
        }
    }
}
