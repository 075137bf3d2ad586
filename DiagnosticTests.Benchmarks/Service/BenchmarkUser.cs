using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Npgsql;

namespace DiagnosticTests.Benchmarks.Service;

/// <summary>An Editor (so the write scenario is allowed) with a bearer token: registered through the API, promoted in SQL.</summary>
public static class BenchmarkUser
{
    public const string Email = "bench-editor@example.com";

    public static async Task<string> CreateEditorTokenAsync(Uri service, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = service };
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        using (var registered = await http.PostAsJsonAsync("api/auth/register", new { email = Email, password, name = "Benchmark editor" }, cancellationToken))
        {
            await EnsureAsync(registered, "register", cancellationToken);
        }

        await using (var promote = dataSource.CreateCommand("""UPDATE "Users" SET "Role" = 'Editor' WHERE "Email" = $1"""))
        {
            promote.Parameters.Add(new NpgsqlParameter { Value = Email, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Citext });
            if (await promote.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new InvalidOperationException("The benchmark user was not found to promote.");
            }
        }

        using var issued = await http.PostAsJsonAsync("api/auth/token", new { email = Email, password }, cancellationToken);
        await EnsureAsync(issued, "token", cancellationToken);
        var token = await issued.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        return token?.AccessToken ?? throw new InvalidOperationException("The token response had no access_token.");
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string step, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"POST /api/auth/{step} answered {(int)response.StatusCode}: {body}");
        }
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);
}
