using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.AccessTokens;

/// <summary>Read-only personal access tokens, for Excel (Basic password) and Power BI (api-key query parameter).</summary>
public sealed class PersonalAccessTokenTests : ApiTestBase
{
    private const string Tokens = "/api/auth/personal-access-tokens";

    [Test]
    public async Task A_created_token_is_shown_once_and_listed_without_its_value()
    {
        using var owner = await SignedInAs("Reader");

        var created = await CreateToken(owner, "Excel", 30);
        using var list = await owner.GetAsync(Tokens);
        var listed = await ReadJson(list);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.GetProperty("token").GetString(), Does.StartWith("dtpat_"));
            Assert.That(created.GetProperty("name").GetString(), Is.EqualTo("Excel"));
            Assert.That(created.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow.AddDays(30)).Within(TimeSpan.FromMinutes(1)));
            Assert.That(listed.GetArrayLength(), Is.EqualTo(1));
            Assert.That(listed[0].GetProperty("name").GetString(), Is.EqualTo("Excel"));
            Assert.That(listed[0].EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "id", "name", "createdAt", "expiresAt", "lastUsedAt" }));
            Assert.That(listed.GetRawText(), Does.Not.Contain(created.GetProperty("token").GetString()!));
        }
    }

    [Test]
    public async Task Only_a_hash_of_the_token_is_stored()
    {
        using var owner = await SignedInAs("Reader");
        var token = (await CreateToken(owner, "Excel", 30)).GetProperty("token").GetString()!;

        var stored = await Scalar<string>("""SELECT "TokenHash" FROM "PersonalAccessTokens" """);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored, Has.Length.EqualTo(64));
            Assert.That(stored, Does.Not.Contain(token["dtpat_".Length..]));
        }
    }

    [Test]
    public async Task The_token_reads_as_a_Basic_password_with_any_user_name()
    {
        using var owner = await SignedInAs("Reader");
        var token = (await CreateToken(owner, "Excel", 30)).GetProperty("token").GetString()!;
        using var excel = Anonymous();
        excel.DefaultRequestHeaders.Authorization = Basic("whoever", token);

        using var me = await excel.GetAsync("/odata/Me");

        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_token_reads_as_the_api_key_parameter_which_never_reappears_in_the_answer()
    {
        using var owner = await SignedInAs("Editor");
        var token = await TokenWithThreeTags(owner);
        using var powerBi = Anonymous();

        await AssertFirstPageHidesKey(powerBi, token);
    }

    [Test]
    public async Task An_api_key_sent_beside_a_bearer_token_never_reappears_in_the_answer_either()
    {
        // Only requests that may carry an access token reach its handler, which is what takes the key out.
        using var owner = await SignedInAs("Editor");
        var token = await TokenWithThreeTags(owner);

        await AssertFirstPageHidesKey(owner, token);
    }

    [Test]
    public async Task The_api_key_parameter_is_read_in_capitals_too_and_never_reappears()
    {
        using var owner = await SignedInAs("Editor");
        var token = await TokenWithThreeTags(owner);
        using var powerBi = Anonymous();

        await AssertFirstPageHidesKey(powerBi, token, "API-KEY");
    }

    private static async Task<string> TokenWithThreeTags(HttpClient owner)
    {
        for (var i = 0; i < 3; i++)
        {
            using var created = await PostJson(owner, "/odata/Tags", new { Name = $"tag {i}" });
        }

        return (await CreateToken(owner, "Power BI", 30)).GetProperty("token").GetString()!;
    }

    private static async Task AssertFirstPageHidesKey(HttpClient client, string token, string parameter = "api-key")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/odata/Tags?{parameter}={Uri.EscapeDataString(token)}");
        request.Headers.Add("Prefer", "odata.maxpagesize=1");

        using var page = await client.SendAsync(request);
        var body = await page.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("@odata.nextLink").GetString(), Does.Not.Contain("api-key").IgnoreCase);
            Assert.That(body, Does.Not.Contain(token));
        }
    }

    [TestCase("POST", "/odata/Tags")]
    [TestCase("PATCH", "/odata/Me")]
    [TestCase("POST", Tokens)]
    public async Task A_token_cannot_write_even_for_an_editor(string method, string url)
    {
        using var owner = await SignedInAs("Editor");
        var token = (await CreateToken(owner, "Excel", 30)).GetProperty("token").GetString()!;
        using var excel = Anonymous();
        excel.DefaultRequestHeaders.Authorization = Basic("excel", token);

        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new StringContent("""{"Name":"written with a token","name":"x","expiresInDays":1}""", Encoding.UTF8, "application/json"),
        };
        using var response = await excel.SendAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await Scalar<long>("""SELECT count(*) FROM "Tags" """), Is.Zero);
            Assert.That(await Scalar<long>("""SELECT count(*) FROM "PersonalAccessTokens" """), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task A_revoked_token_is_refused_on_the_next_request()
    {
        using var owner = await SignedInAs("Reader");
        var created = await CreateToken(owner, "Excel", 30);
        using var excel = Anonymous();
        excel.DefaultRequestHeaders.Authorization = Basic("excel", created.GetProperty("token").GetString()!);
        using var before = await excel.GetAsync("/odata/Tags");

        using var revoked = await owner.DeleteAsync($"{Tokens}/{created.GetProperty("id").GetInt32()}");
        using var after = await excel.GetAsync("/odata/Tags");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
    }

    [Test]
    public async Task An_expired_token_is_refused()
    {
        using var owner = await SignedInAs("Reader");
        var token = (await CreateToken(owner, "Excel", 1)).GetProperty("token").GetString()!;
        await ExecuteSql("""UPDATE "PersonalAccessTokens" SET "ExpiresAt" = now() - interval '1 minute'""");
        using var excel = Anonymous();
        excel.DefaultRequestHeaders.Authorization = Basic("excel", token);

        using var response = await excel.GetAsync("/odata/Tags");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_token_of_a_deactivated_user_is_refused()
    {
        using var owner = await SignedInAs("Reader");
        var token = (await CreateToken(owner, "Excel", 30)).GetProperty("token").GetString()!;
        await ExecuteSql("""UPDATE "Users" SET "IsActive" = false""");
        using var excel = Anonymous();
        excel.DefaultRequestHeaders.Authorization = Basic("excel", token);

        using var response = await excel.GetAsync("/odata/Tags");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Nobody_sees_or_revokes_another_users_tokens()
    {
        using var owner = await SignedInAs("Reader");
        var created = await CreateToken(owner, "Excel", 30);
        using var admin = await SignedInAs("Admin");

        using var list = await admin.GetAsync(Tokens);
        using var revoke = await admin.DeleteAsync($"{Tokens}/{created.GetProperty("id").GetInt32()}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await ReadJson(list)).GetArrayLength(), Is.Zero);
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await Scalar<long>("""SELECT count(*) FROM "PersonalAccessTokens" """), Is.EqualTo(1));
        }
    }

    [TestCase("", 30, "name")]
    [TestCase("Excel", 0, "expiresInDays")]
    [TestCase("Excel", 400, "expiresInDays")]
    public async Task A_token_needs_a_name_and_a_lifetime_of_one_day_to_a_year(string name, int days, string field)
    {
        using var owner = await SignedInAs("Reader");

        using var response = await PostJson(owner, Tokens, new { name, expiresInDays = days });
        var problem = await ReadJson(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.GetRawText());
            Assert.That(await Scalar<long>("""SELECT count(*) FROM "PersonalAccessTokens" """), Is.Zero);
        }
    }

    [Test]
    public async Task An_unauthenticated_request_is_offered_both_Bearer_and_Basic()
    {
        using var response = await Anonymous().GetAsync("/odata/Tags");

        var challenges = response.Headers.WwwAuthenticate.Select(h => h.Scheme).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(challenges, Is.EquivalentTo(new[] { "Bearer", "Basic" }));
            Assert.That(response.Headers.WwwAuthenticate.Single(h => h.Scheme == "Basic").Parameter, Does.Contain("realm=\"DiagnosticTests\""));
        }
    }

    [Test]
    public async Task A_wrong_token_is_refused()
    {
        using var excel = Anonymous();
        excel.DefaultRequestHeaders.Authorization = Basic("excel", "dtpat_not-a-real-token");

        using var response = await excel.GetAsync("/odata/Tags");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static async Task<JsonElement> CreateToken(HttpClient owner, string name, int days)
    {
        using var response = await PostJson(owner, Tokens, new { name, expiresInDays = days });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await ReadJson(response);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
