using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace DiagnosticTests.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL database for one test run: either the one named by TEST_DATABASE_URL (CI, a developer's
/// own server) or a throwaway cluster started from the installed server binaries and removed afterwards.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "TEST_DATABASE_URL";
    public const string DefaultDatabase = "diagnostictests_test";

    private const string HowToFix =
        "Set TEST_DATABASE_URL to a PostgreSQL connection string, or install the PostgreSQL server binaries "
        + "(Debian: apt-get install -y postgresql).";

    // Set only for a throwaway cluster, which this instance owns and must stop and delete.
    private readonly string? _clusterDir;
    private readonly string? _pgCtl;
    private int _stopped;

    private PostgresServer(string connectionString, string? clusterDir = null, string? pgCtl = null)
    {
        ConnectionString = connectionString;
        _clusterDir = clusterDir;
        _pgCtl = pgCtl;
        if (clusterDir is not null)
        {
            // A crashed or aborted run would otherwise leave a postmaster running.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAsync().GetAwaiter().GetResult();
        }
    }

    public string ConnectionString { get; }

    public static async Task<PostgresServer> StartAsync()
    {
        var url = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(url))
        {
            var builder = ParseConnectionString(url);
            builder.Database = string.IsNullOrEmpty(builder.Database) ? DefaultDatabase : builder.Database;
            await CreateDatabaseIfMissingAsync(builder);
            return new PostgresServer(builder.ConnectionString);
        }

        return await StartThrowawayClusterAsync();
    }

    /// <summary>Accepts an Npgsql key=value string or a postgres://user:pass@host:port/db?key=value URL.</summary>
    public static NpgsqlConnectionStringBuilder ParseConnectionString(string value)
    {
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(value);
        }

        var uri = new Uri(value);
        var user = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = user[0].Length > 0 ? Uri.UnescapeDataString(user[0]) : null,
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
        };
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(parts[0])] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
        }

        return builder;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StopAsync()
    {
        if (_clusterDir is not null && _pgCtl is not null && Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            // Connections left in the pool point at a server that is about to vanish.
            NpgsqlConnection.ClearAllPools();
            await StopAndDeleteClusterAsync(_clusterDir, _pgCtl);
        }
    }

    private static async Task StopAndDeleteClusterAsync(string dir, string pgCtl)
    {
        if (Directory.Exists(Path.Combine(dir, "data")))
        {
            // Immediate: nothing in a throwaway cluster is worth a clean shutdown.
            await RunPostgresToolAsync(pgCtl, ["-D", Path.Combine(dir, "data"), "stop", "-m", "immediate"], dir, throwOnError: false);
        }

        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // A folder left behind in /tmp must not fail the run.
        }
    }

    private static async Task CreateDatabaseIfMissingAsync(NpgsqlConnectionStringBuilder target)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", target.Database!);
        if (await exists.ExecuteScalarAsync() is null)
        {
            var quoted = "\"" + target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    private static async Task<PostgresServer> StartThrowawayClusterAsync()
    {
        var binDir = FindBinDirectory()
            ?? throw new InvalidOperationException($"No PostgreSQL server binaries (initdb, pg_ctl) found. {HowToFix}");
        var (initdb, pgCtl) = (Path.Combine(binDir, "initdb"), Path.Combine(binDir, "pg_ctl"));

        // Short name under /tmp: the Unix socket path is limited to ~107 bytes, and as root the postgres
        // user must be able to reach it (root's own TMPDIR may sit under /root, which is 0700).
        var tempRoot = IsRoot ? "/tmp" : Path.GetTempPath();
        var dir = Path.Combine(tempRoot, "dtpg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        try
        {
            if (IsRoot)
            {
                // PostgreSQL refuses to run as root: hand the folder to the Debian 'postgres' user and run the
                // tools as that user (see RunPostgresToolAsync).
                await RunAsync("chown", ["-R", "postgres", dir], dir,
                    "Running as root, so the cluster must run as user 'postgres', which could not be given the folder.");
            }

            var data = Path.Combine(dir, "data");
            await RunPostgresToolAsync(initdb, ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], dir);
            var port = FreePort();
            // Durability settings off: a test cluster is thrown away, speed matters.
            var options = $"-p {port} -k '{dir}' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            await RunPostgresToolAsync(pgCtl, ["-D", data, "-o", options, "-l", Path.Combine(dir, "log"), "-w", "start"], dir);

            var builder = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = port,
                Username = "postgres",
                Database = DefaultDatabase,
                IncludeErrorDetail = true,
            };
            await CreateDatabaseIfMissingAsync(builder);
            return new PostgresServer(builder.ConnectionString, dir, pgCtl);
        }
        catch (Exception ex)
        {
            var log = Path.Combine(dir, "log");
            var logText = File.Exists(log) ? File.ReadAllText(log) : "(no server log)";
            await StopAndDeleteClusterAsync(dir, pgCtl);
            throw new InvalidOperationException($"Could not start a throwaway PostgreSQL cluster: {ex.Message}\n{logText}\n{HowToFix}", ex);
        }
    }

    private static bool IsRoot => Environment.UserName == "root"; // .NET derives UserName from geteuid().

    private static string? FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (onPath is not null)
        {
            return onPath;
        }

        // Debian/Ubuntu keep the server binaries off PATH, one folder per major version.
        const string debian = "/usr/lib/postgresql";
        return !Directory.Exists(debian) ? null : Directory.GetDirectories(debian)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
            .Where(x => x.Version >= 0 && File.Exists(Path.Combine(x.Dir, "initdb")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static Task RunPostgresToolAsync(string tool, string[] args, string workingDir, bool throwOnError = true) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", tool, .. args], workingDir, throwOnError ? HowToFix : null)
            : RunAsync(tool, args, workingDir, throwOnError ? HowToFix : null);

    private static async Task RunAsync(string file, string[] args, string workingDir, string? hintOnFailure)
    {
        var start = new ProcessStartInfo(file)
        {
            // The tools' own folder, not the test's: the postgres user may not be allowed into the latter.
            WorkingDirectory = workingDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        args.ToList().ForEach(start.ArgumentList.Add);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0 && hintOnFailure is not null)
        {
            // pg_ctl's daemon does not hold our pipes (its output goes to -l), so these complete.
            throw new InvalidOperationException(
                $"'{file} {string.Join(' ', args)}' exited with {process.ExitCode}:\n{await output}{await error}\n{hintOnFailure}");
        }
    }
}
