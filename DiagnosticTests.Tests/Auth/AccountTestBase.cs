using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using DiagnosticTests.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DiagnosticTests.Tests.Auth;

/// <summary>
/// For fixtures about accounts: named users with known credentials (the harness's <c>SignedInAs</c> makes
/// anonymous ones), tokens, and the user rows behind them.
/// </summary>
public abstract class AccountTestBase : ApiTestBase
{
    /// <summary>Registers a Reader through the API and returns its id.</summary>
    protected static async Task<int> Register(string email, string name, string password = Password)
    {
        using var anonymous = Anonymous();
        using var response = await PostJson(anonymous, "/api/auth/register", new { email, password, name });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"Registering {email}: {await response.Content.ReadAsStringAsync()}");
        return (await ReadJson(response)).GetProperty("id").GetInt32();
    }

    protected static async Task<HttpResponseMessage> RequestToken(string email, string password)
    {
        using var anonymous = Anonymous();
        return await PostJson(anonymous, "/api/auth/token", new { email, password });
    }

    /// <summary>A bearer token for an existing user; fails the test when the service refuses one.</summary>
    protected static async Task<string> TokenFor(string email, string password = Password)
    {
        using var response = await RequestToken(email, password);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"Token for {email}: {await response.Content.ReadAsStringAsync()}");
        return (await ReadJson(response)).GetProperty("access_token").GetString()!;
    }

    /// <summary>A token for <paramref name="userId"/> as the service would make it, with the given key and lifetime.</summary>
    protected static string TokenSignedWith(int userId, string signingKey, DateTime notBefore, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ApiFactory.Issuer,
            Audience = ApiFactory.Audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId.ToString(System.Globalization.CultureInfo.InvariantCulture))]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });

    /// <summary><paramref name="token"/> with one character of its signature changed.</summary>
    protected static string WithSignatureAltered(string token) => token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

    /// <summary>The status of <c>GET /odata/Me</c> with <paramref name="token"/> as the bearer token.</summary>
    protected static async Task<HttpStatusCode> StatusOfMeWith(string token)
    {
        using var client = WithBearer(token);
        using var response = await client.GetAsync("/odata/Me");
        return response.StatusCode;
    }

    protected static HttpClient WithBearer(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Registers a Reader and returns a client signed in as that user.</summary>
    protected static async Task<HttpClient> RegisteredAndSignedIn(string email, string name, string password = Password)
    {
        await Register(email, name, password);
        return WithBearer(await TokenFor(email, password));
    }

    /// <summary>The id of the user behind <paramref name="client"/>, as the service sees it.</summary>
    protected static async Task<int> IdOf(HttpClient client)
    {
        using var response = await client.GetAsync("/odata/Me");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "GET /odata/Me");
        return (await ReadJson(response)).GetProperty("Id").GetInt32();
    }

    protected static Task<string?> RoleInDatabase(int userId) =>
        Scalar<string>("""SELECT "Role" FROM "Users" WHERE "Id" = @id""", ("id", userId));

    /// <summary>Rows whose email matches, ignoring case (the column is citext, a text parameter compares exactly).</summary>
    protected static Task<long> UsersWithEmail(string email) =>
        Scalar<long>("""SELECT count(*) FROM "Users" WHERE lower("Email") = lower(@email)""", ("email", email));

    protected static Task<long> UserCount() => Scalar<long>("""SELECT count(*) FROM "Users" """);

    /// <summary>Every property name anywhere in the document, nested objects and arrays included.</summary>
    protected static IReadOnlyList<string> PropertyNamesIn(JsonElement element)
    {
        var names = new List<string>();
        Collect(element);
        return names;

        void Collect(JsonElement current)
        {
            switch (current.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in current.EnumerateObject())
                    {
                        names.Add(property.Name);
                        Collect(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in current.EnumerateArray())
                    {
                        Collect(item);
                    }

                    break;
                default:
                    break;
            }
        }
    }
}
