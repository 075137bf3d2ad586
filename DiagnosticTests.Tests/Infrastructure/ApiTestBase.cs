using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DiagnosticTests.Api.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DiagnosticTests.Tests.Infrastructure;

/// <summary>
/// Base for fixtures that call the API: every test starts from empty tables, and the helpers cover the
/// three things tests do besides asserting: sign in, send and read JSON, and look at the database directly.
/// </summary>
public abstract class ApiTestBase
{
    protected const string Password = "Passw0rd!long";

    /// <summary>Property names exactly as written: PascalCase for OData bodies, snake/camel for the auth API.</summary>
    protected static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };

    [SetUp]
    public Task ResetDatabase() => Harness.Resetter.ResetAsync();

    protected static HttpClient Anonymous() => Harness.Factory.CreateClient();

    /// <summary>
    /// A client with a bearer token for a new user with <paramref name="role"/> (Reader, Editor or Admin).
    /// Registration only makes Readers, so other roles are set in the database, as an Admin would.
    /// </summary>
    protected static async Task<HttpClient> SignedInAs(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        using var anonymous = Anonymous();
        using var registered = await PostJson(anonymous, "/api/auth/register", new { email, password = Password, name = $"Test {role}" });
        await ExpectStatus(registered, HttpStatusCode.Created, "register");

        if (!string.Equals(role, "Reader", StringComparison.Ordinal))
        {
            var updated = await ExecuteSql("""UPDATE "Users" SET "Role" = @role WHERE "Email" = @email""", ("role", role), ("email", email));
            Assert.That(updated, Is.EqualTo(1), $"Promoting {email} to {role}");
        }

        using var token = await PostJson(anonymous, "/api/auth/token", new { email, password = Password });
        await ExpectStatus(token, HttpStatusCode.OK, "token");
        var accessToken = (await ReadJson(token)).GetProperty("access_token").GetString();

        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A client of another host (same database, same signing key) carrying the bearer token of <paramref name="signedIn"/>.</summary>
    protected static HttpClient ClientOf(WebApplicationFactory<Program> factory, HttpClient signedIn)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    /// <summary><paramref name="factory"/>'s app, with <paramref name="interceptor"/> watching its context's commands.</summary>
    protected static WebApplicationFactory<Program> Watched(WebApplicationFactory<Program> factory, IInterceptor interceptor) =>
        factory.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.ConfigureDbContext<PostgresDbContext>(options => options.AddInterceptors(interceptor))));

    protected static Task<HttpResponseMessage> PostJson(HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    protected static Task<HttpResponseMessage> PatchJson(HttpClient client, string url, object body) =>
        client.PatchAsJsonAsync(url, body, Json);

    protected static Task<HttpResponseMessage> PutJson(HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Json);

    /// <summary>The body as a JsonElement that outlives the response (cloned out of its JsonDocument).</summary>
    protected static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(text, Is.Not.Empty, $"Expected a JSON body from {response.RequestMessage?.RequestUri} ({(int)response.StatusCode})");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Runs SQL against the test database; parameters are referenced as @name. Returns rows affected.</summary>
    protected static async Task<int> ExecuteSql(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Harness.ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row, converted to <typeparamref name="T"/> (count(*) is a bigint).</summary>
    protected static async Task<T?> Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Harness.ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return value is null or DBNull ? default
            : value is T typed ? typed
            : (T)Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name.TrimStart('@'), value ?? DBNull.Value);
        }

        return command;
    }

    private static async Task ExpectStatus(HttpResponseMessage response, HttpStatusCode expected, string step)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"Signing in, {step} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
