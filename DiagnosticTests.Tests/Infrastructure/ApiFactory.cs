using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace DiagnosticTests.Tests.Infrastructure;

/// <summary>The real app, in memory, pointed at the test database and configured for tests.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public const string EnvironmentName = "Testing";

    // Only signs tokens for an in-memory test host; not a secret anywhere.
    public const string SigningKey = "integration-tests-only-signing-key-0123456789abcdef0123456789abcdef";
    public const string Issuer = "DiagnosticTests";
    public const string Audience = "DiagnosticTests";

    private readonly Dictionary<string, string?> _settings;
    private readonly string? _fileToDelete;

    /// <summary>The app on PostgreSQL, as in production. <paramref name="extraSettings"/> win over the defaults.</summary>
    public ApiFactory(string connectionString, IReadOnlyDictionary<string, string?>? extraSettings = null)
        : this("Postgres", connectionString, extraSettings, fileToDelete: null)
    {
    }

    private ApiFactory(
        string provider, string connectionString, IReadOnlyDictionary<string, string?>? extraSettings, string? fileToDelete)
    {
        _fileToDelete = fileToDelete;
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:DiagnosticTests"] = connectionString,
            ["Jwt:SigningKey"] = SigningKey,
            ["Jwt:Issuer"] = Issuer,
            ["Jwt:Audience"] = Audience,
            // Tests seed exactly the rows they assert on.
            ["Seed:Catalogue"] = "false",
            // Tests write rows with SQL and read them back at once; caches learn of such writes through
            // asynchronous notifications. Caching has its own tests (Caching/), with it switched on.
            ["Caching:Enabled"] = "false",
            // Keep test output to what matters; a failing test's own assertions say the rest.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The app on a fresh SQLite file, deleted on dispose: a smoke test of the second provider.</summary>
    public static ApiFactory ForSqlite(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"diagnostictests-{Guid.NewGuid():N}.db");
        // No pooling, so no connection keeps the file open when it is deleted.
        return new ApiFactory("Sqlite", $"Data Source={file};Pooling=False", extraSettings, file);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        // UseSetting reaches the app as command-line arguments, so Program sees it even in code that reads
        // configuration before builder.Build(); ConfigureAppConfiguration is only applied at Build() but
        // lands last, so it also wins over any source Program adds itself.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _fileToDelete is not null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_fileToDelete + suffix);
            }
        }
    }
}
