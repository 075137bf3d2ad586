using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace DiagnosticTests.Benchmarks.Database;

/// <summary>
/// The PostgreSQL database the benchmark fills and the service reads: the one given on the command line,
/// else a database of its own on TEST_DATABASE_URL's server, else a throwaway cluster started from the
/// installed server binaries. The cluster logic is a copy of the test harness's
/// (DiagnosticTests.Tests/Infrastructure/PostgresServer.cs), which the benchmark must not reference, plus
/// the server log's path, which the plan capture (--explain) reads.
/// </summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    public const string TestDatabaseVariable = "TEST_DATABASE_URL";
    public const string DefaultDatabase = "diagnostictests_bench";

    private const string HowToFix =
        "Pass --database-url or set TEST_DATABASE_URL to a PostgreSQL connection string, or install the PostgreSQL "
        + "server binaries (Debian: apt-get install -y postgresql).";

    private readonly string? _clusterDir;
    private readonly string? _pgCtl;
    private int _stopped;

    private BenchmarkDatabase(string connectionString, string description, string? clusterDir = null, string? pgCtl = null)
    {
        ConnectionString = connectionString;
        Description = description;
        _clusterDir = clusterDir;
        _pgCtl = pgCtl;
        if (clusterDir is not null)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAsync().GetAwaiter().GetResult();
        }
    }

    public string ConnectionString { get; }

    /// <summary>Where the database came from, for the report (no password).</summary>
    public string Description { get; }

    /// <summary>The server log of a throwaway cluster; null for a server the benchmark does not own.</summary>
    public string? ServerLog => _clusterDir is null ? null : Path.Combine(_clusterDir, "log");

    /// <summary>The throwaway cluster's postmaster (first line of postmaster.pid), for CPU accounting; null otherwise.</summary>
    public int? PostmasterPid
    {
        get
        {
            var pidFile = _clusterDir is null ? null : Path.Combine(_clusterDir, "data", "postmaster.pid");
            return pidFile is not null && File.Exists(pidFile)
                && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                ? pid
                : null;
        }
    }

    public static async Task<BenchmarkDatabase> OpenAsync(string? databaseUrl)
    {
        if (!string.IsNullOrWhiteSpace(databaseUrl))
        {
            // Used as given: the caller chose this database, and its catalogue tables will be emptied.
            var given = ParseConnectionString(databaseUrl);
            given.Database = string.IsNullOrEmpty(given.Database) ? DefaultDatabase : given.Database;
            await CreateDatabaseIfMissingAsync(given);
            return new BenchmarkDatabase(given.ConnectionString, $"--database-url ({given.Host}:{given.Port}/{given.Database})");
        }

        var testUrl = Environment.GetEnvironmentVariable(TestDatabaseVariable);
        if (!string.IsNullOrWhiteSpace(testUrl))
        {
            // The same server as the tests, never the tests' own database.
            var builder = ParseConnectionString(testUrl);
            builder.Database = DefaultDatabase;
            await CreateDatabaseIfMissingAsync(builder);
            return new BenchmarkDatabase(builder.ConnectionString, $"{TestDatabaseVariable} server ({builder.Host}:{builder.Port}/{builder.Database})");
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
            NpgsqlConnection.ClearAllPools();
            await StopAndDeleteClusterAsync(_clusterDir, _pgCtl);
        }
    }

    private static async Task StopAndDeleteClusterAsync(string dir, string pgCtl)
    {
        if (Directory.Exists(Path.Combine(dir, "data")))
        {
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

    private static async Task<BenchmarkDatabase> StartThrowawayClusterAsync()
    {
        var binDir = FindBinDirectory()
            ?? throw new InvalidOperationException($"No PostgreSQL server binaries (initdb, pg_ctl) found. {HowToFix}");
        var (initdb, pgCtl) = (Path.Combine(binDir, "initdb"), Path.Combine(binDir, "pg_ctl"));

        // Short name under /tmp: the Unix socket path is limited, and as root the postgres user must reach it.
        var tempRoot = IsRoot ? "/tmp" : Path.GetTempPath();
        var dir = Path.Combine(tempRoot, "dtbench-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        try
        {
            if (IsRoot)
            {
                // PostgreSQL refuses to run as root: the folder goes to the Debian 'postgres' user.
                await RunAsync("chown", ["-R", "postgres", dir], dir, "Running as root, so the cluster must run as user 'postgres'.");
            }

            var data = Path.Combine(dir, "data");
            await RunPostgresToolAsync(initdb, ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], dir);
            var port = FreePort();
            // Durability off as in the test harness (it only affects the write scenario: no WAL flush per commit).
            // random_page_cost=1.1, as the compose files set it: the data is in memory (or on SSD), where an index
            // probe is not four times a sequential read. Defaults otherwise (shared_buffers 128 MB): the catalogue
            // fits in memory at both sizes.
            var options = $"-p {port} -k '{dir}' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c random_page_cost=1.1";
            await RunPostgresToolAsync(pgCtl, ["-D", data, "-o", options, "-l", Path.Combine(dir, "log"), "-w", "start"], dir);

            var builder = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = port,
                Username = "postgres",
                Database = DefaultDatabase,
            };
            await CreateDatabaseIfMissingAsync(builder);
            return new BenchmarkDatabase(builder.ConnectionString, $"throwaway cluster from {binDir} (fsync=off, synchronous_commit=off)", dir, pgCtl);
        }
        catch (Exception ex)
        {
            var log = Path.Combine(dir, "log");
            var logText = File.Exists(log) ? await File.ReadAllTextAsync(log) : "(no server log)";
            await StopAndDeleteClusterAsync(dir, pgCtl);
            throw new InvalidOperationException($"Could not start a throwaway PostgreSQL cluster: {ex.Message}\n{logText}\n{HowToFix}", ex);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string? FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (onPath is not null)
        {
            return onPath;
        }

        const string debian = "/usr/lib/postgresql";
        return !Directory.Exists(debian) ? null : Directory.GetDirectories(debian)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
            .Where(x => x.Version >= 0 && File.Exists(Path.Combine(x.Dir, "initdb")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }

    public static int FreePort()
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
            throw new InvalidOperationException(
                $"'{file} {string.Join(' ', args)}' exited with {process.ExitCode}:\n{await output}{await error}\n{hintOnFailure}");
        }
    }
}
