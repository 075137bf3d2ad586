using System.Diagnostics;
using System.Security.Cryptography;

namespace DiagnosticTests.Benchmarks.Service;

/// <summary>
/// The service as production runs it: the Release build, started with `dotnet DiagnosticTests.Api.dll` from
/// its output folder (so its appsettings.json applies), Production environment, Warning logs, on loopback.
/// Its output goes to a log file next to the results.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Task _pumps;
    private int _disposed;

    private ServiceProcess(Process process, StreamWriter log, Task pumps, Uri baseAddress, string logPath)
    {
        _process = process;
        _log = log;
        _pumps = pumps;
        BaseAddress = baseAddress;
        LogPath = logPath;
    }

    public Uri BaseAddress { get; }

    /// <summary>The running service, for its CPU time.</summary>
    public Process Process => _process;

    public string LogPath { get; }

    public static string DllPath(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "DiagnosticTests.Api", "bin", "Release", "net10.0", "DiagnosticTests.Api.dll");

    /// <summary>Builds the service in Release when its DLL is missing (`dotnet run` of this project normally has built it).</summary>
    public static async Task EnsureBuiltAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        if (File.Exists(DllPath(repositoryRoot)))
        {
            return;
        }

        Console.WriteLine("Building DiagnosticTests.Api in Release ...");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repositoryRoot };
        foreach (var arg in new[] { "build", "DiagnosticTests.Api/DiagnosticTests.Api.csproj", "-c", "Release", "--nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(arg);
        }

        using var build = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet build.");
        await build.WaitForExitAsync(cancellationToken);
        if (build.ExitCode != 0 || !File.Exists(DllPath(repositoryRoot)))
        {
            throw new InvalidOperationException($"dotnet build -c Release of DiagnosticTests.Api failed (exit {build.ExitCode}).");
        }
    }

    public static async Task<ServiceProcess> StartAsync(
        string repositoryRoot,
        string connectionString,
        string logPath,
        IReadOnlyDictionary<string, string>? extraEnvironment,
        CancellationToken cancellationToken)
    {
        var dll = DllPath(repositoryRoot);
        var port = Database.BenchmarkDatabase.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));

        // Production settings; nothing here is tuned for the benchmark.
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Seed__Catalogue"] = "false",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__DiagnosticTests"] = connectionString,
            ["Jwt__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        };
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        // Settings of the developer's shell must not leak in (an ADMIN_EMAIL would create an admin, say).
        foreach (var inherited in new[] { "ADMIN_EMAIL", "ADMIN_PASSWORD", "ASPNETCORE_URLS", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(inherited);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the service.");
        var pumps = Task.WhenAll(PumpAsync(process.StandardOutput, log), PumpAsync(process.StandardError, log));
        var service = new ServiceProcess(process, log, pumps, baseAddress, logPath);
        // Ctrl+C or SIGTERM of the benchmark must not leave the service running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => service.KillQuietly();
        try
        {
            await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), cancellationToken);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode} before it was ready; see {LogPath}:\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow first answer; try again.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"The service was not ready within {timeout.TotalSeconds} s; see {LogPath}:\n{Tail()}");
    }

    private string Tail()
    {
        try
        {
            var lines = File.ReadAllLines(LogPath);
            return string.Join('\n', lines.TakeLast(30));
        }
        catch (IOException)
        {
            return "(log not readable)";
        }
    }

    private static async Task PumpAsync(StreamReader reader, StreamWriter log)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private void KillQuietly()
    {
        try
        {
            if (Volatile.Read(ref _disposed) == 0 && !_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _pumps;
        await _log.DisposeAsync();
        _process.Dispose();
    }
}
