using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace DiagnosticTests.Tests.Deployment;

/// <summary>
/// A real nginx running the repository's proxy template (nginx/templates/default.conf.template), rendered as
/// the official nginx image renders it, inside a minimal nginx.conf whose every path (pid, logs, temp files)
/// lies in a temporary folder that is deleted on dispose. It listens on a free loopback port.
/// </summary>
public sealed partial class NginxProcess : IAsyncDisposable
{
    /// <summary>The only names the image substitutes (nginx/Dockerfile's NGINX_ENVSUBST_FILTER).</summary>
    public static readonly IReadOnlyList<string> TemplateVariables =
        ["API_UPSTREAM", "NGINX_SERVER_NAME", "NGINX_CLIENT_MAX_BODY_SIZE", "NGINX_LISTEN_PORT"];

    private const string TemplatePath = "nginx/templates/default.conf.template";
    private static readonly string[] s_usualPlaces = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"];
    private static readonly Lazy<Task<(string? Binary, string Reason)>> s_binary = new(FindOrInstallAsync);

    private readonly string _binary;
    private readonly bool _hasErrorLogOption;
    private readonly string _dir;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private int _stopped;

    private NginxProcess(string binary, bool hasErrorLogOption, string dir, Process process, int port)
    {
        _binary = binary;
        _hasErrorLogOption = hasErrorLogOption;
        _dir = dir;
        _process = process;
        Port = port;
        // An aborted run must not leave an nginx listening.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    public int Port { get; }

    /// <summary>The nginx binary, installing the Debian package once if there is none; null and why when it cannot be had.</summary>
    public static Task<(string? Binary, string Reason)> FindAsync() => s_binary.Value;

    /// <summary>The repository's template with the four variables replaced, and nothing else (like envsubst with a variable list).</summary>
    public static string RenderTemplate(IReadOnlyDictionary<string, string> values)
    {
        var missing = TemplateVariables.Where(name => !values.ContainsKey(name)).ToList();
        if (missing.Count > 0 || values.Count != TemplateVariables.Count)
        {
            throw new ArgumentException($"Give exactly the template variables {string.Join(", ", TemplateVariables)}.", nameof(values));
        }

        var template = File.ReadAllText(Path.Combine(RepositoryRoot(), TemplatePath));
        // envsubst 'API_UPSTREAM ...' replaces ${NAME} and $NAME of the listed names; every other $ is nginx's.
        var rendered = ShellVariable().Replace(template, m => values.TryGetValue(m.Groups["name"].Value, out var value) ? value : m.Value);
        var live = string.Join('\n', rendered.Split('\n').Where(line => !line.TrimStart().StartsWith('#')));
        var leftover = BracedVariable().Match(live);
        return leftover.Success
            ? throw new InvalidOperationException($"{TemplatePath} uses {leftover.Value}, which the nginx image would not substitute.")
            : rendered;
    }

    /// <summary>Renders the template with these values into a temporary prefix and starts nginx on a free loopback port.</summary>
    public static async Task<NginxProcess> StartAsync(string binary, string apiUpstream, string serverName, string clientMaxBodySize)
    {
        var dir = Directory.CreateTempSubdirectory("dtnginx-").FullName;
        var port = FreeLoopbackPort();
        try
        {
            var site = RenderTemplate(new Dictionary<string, string>
            {
                ["API_UPSTREAM"] = apiUpstream,
                ["NGINX_SERVER_NAME"] = serverName,
                ["NGINX_CLIENT_MAX_BODY_SIZE"] = clientMaxBodySize,
                ["NGINX_LISTEN_PORT"] = $"127.0.0.1:{port}",
            });
            Directory.CreateDirectory(Path.Combine(dir, "conf.d"));
            Directory.CreateDirectory(Path.Combine(dir, "logs"));
            Directory.CreateDirectory(Path.Combine(dir, "temp"));
            await File.WriteAllTextAsync(Path.Combine(dir, "conf.d", "default.conf"), site);
            await File.WriteAllTextAsync(Path.Combine(dir, "nginx.conf"), WrapperConfig(dir));
        }
        catch
        {
            TryDelete(dir);
            throw;
        }

        var hasErrorLogOption = await VersionAsync(binary) >= new Version(1, 19, 5);
        var process = new Process { StartInfo = NginxCommand(binary, hasErrorLogOption, dir) };
        var nginx = new NginxProcess(binary, hasErrorLogOption, dir, process, port);
        process.OutputDataReceived += (_, e) => nginx.Append(e.Data);
        process.ErrorDataReceived += (_, e) => nginx.Append(e.Data);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await nginx.WaitUntilListeningAsync(TimeSpan.FromSeconds(15));
            return nginx;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            var log = nginx.ErrorLog();
            await nginx.DisposeAsync();
            throw new InvalidOperationException($"Could not start nginx with {TemplatePath}: {ex.Message}\nerror.log:\n{log}", ex);
        }
    }

    /// <summary>nginx's error log so far, for failure messages.</summary>
    public string ErrorLog()
    {
        var path = Path.Combine(_dir, "logs", "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "(no error.log)";
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        if (IsRunning())
        {
            // Fast shutdown through the pid file; killing only the master would leave its workers listening.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                using (var signal = Process.Start(NginxCommand(_binary, _hasErrorLogOption, _dir, "-s", "stop")))
                {
                    if (signal is not null)
                    {
                        await signal.WaitForExitAsync(timeout.Token);
                    }
                }

                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        TryDelete(_dir);
    }

    private static string WrapperConfig(string dir)
    {
        // As root the workers would run as "nobody", which cannot enter the 0700 temporary folder.
        var user = Environment.UserName == "root" ? "user root;\n" : "";
        return $$"""
            {{user}}daemon off;
            worker_processes 1;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/logs/error.log warn;
            events { worker_connections 128; }
            http {
                access_log {{dir}}/logs/access.log;
                client_body_temp_path {{dir}}/temp/client_body;
                proxy_temp_path {{dir}}/temp/proxy;
                fastcgi_temp_path {{dir}}/temp/fastcgi;
                uwsgi_temp_path {{dir}}/temp/uwsgi;
                scgi_temp_path {{dir}}/temp/scgi;
                include {{dir}}/conf.d/*.conf;
            }

            """;
    }

    private static ProcessStartInfo NginxCommand(string binary, bool hasErrorLogOption, string dir, params string[] extra)
    {
        var start = new ProcessStartInfo(binary)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // -e (nginx >= 1.19.5) keeps nginx from opening its compiled-in error log before reading the config.
        string[] errorLog = hasErrorLogOption ? ["-e", Path.Combine(dir, "logs", "error.log")] : [];
        foreach (var arg in errorLog.Concat(["-p", dir + "/", "-c", Path.Combine(dir, "nginx.conf")]).Concat(extra))
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private async Task WaitUntilListeningAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {Output()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (SocketException ex)
            {
                throw new InvalidOperationException($"nginx did not listen on 127.0.0.1:{Port} within {limit.TotalSeconds} s: {ex.Message} {Output()}", ex);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private bool IsRunning()
    {
        try
        {
            return !_process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return false; // never started
        }
    }

    private void Kill()
    {
        if (Volatile.Read(ref _stopped) == 0 && IsRunning())
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    private static async Task<Version> VersionAsync(string binary)
    {
        var (_, output) = await RunAsync(binary, ["-v"], TimeSpan.FromSeconds(30));
        var match = NginxVersion().Match(output);
        return match.Success ? Version.Parse(match.Groups["version"].Value) : new Version(0, 0);
    }

    private static async Task<(string? Binary, string Reason)> FindOrInstallAsync()
    {
        var found = Locate();
        if (found is not null)
        {
            return (found, "found");
        }

        if (Environment.UserName != "root")
        {
            return (null, "not running as root, so 'apt-get install -y nginx' was not tried");
        }

        if (!File.Exists("/usr/bin/apt-get"))
        {
            return (null, "no apt-get on this machine");
        }

        // Lists may be missing or stale on a fresh machine: refresh them only if the plain install fails.
        var (exitCode, output) = await RunAsync(
            "/bin/sh", ["-c", "apt-get install -y -qq nginx || (apt-get update -qq && apt-get install -y -qq nginx)"], TimeSpan.FromMinutes(5));
        found = Locate();
        if (found is null)
        {
            return (null, $"'apt-get install -y nginx' exited with {exitCode}: {Tail(output)}");
        }

        // The package may start the stock service on port 80; this test never needs it.
        if (File.Exists("/run/nginx.pid"))
        {
            await RunAsync(found, ["-s", "quit"], TimeSpan.FromSeconds(30));
        }

        return (found, "installed with apt-get");
    }

    private static string? Locate() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "nginx"))
            .Concat(s_usualPlaces)
            .FirstOrDefault(File.Exists);

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, TimeSpan limit)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        args.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start);
        if (process is null)
        {
            return (-1, $"could not start {file}");
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {limit.TotalMinutes} min");
        }

        return (process.ExitCode, await output + await error);
    }

    private static string Tail(string text) => text.Length <= 1000 ? text.Trim() : "..." + text[^1000..].Trim();

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DiagnosticTests.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No DiagnosticTests.sln above {AppContext.BaseDirectory}: cannot find {TemplatePath}.");
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // A folder left behind in the temp directory must not fail the run.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    [GeneratedRegex(@"\$(?:\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}|(?<name>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex ShellVariable();

    [GeneratedRegex(@"nginx/(?<version>\d+\.\d+\.\d+)")]
    private static partial Regex NginxVersion();

    [GeneratedRegex(@"\$\{[^}]*\}")]
    private static partial Regex BracedVariable();
}
