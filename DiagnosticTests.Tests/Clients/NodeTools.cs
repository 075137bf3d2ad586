using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace DiagnosticTests.Tests.Clients;

/// <summary>
/// The Node project in DiagnosticTests.Tests/ClientTools (third-party OData tools pinned in its package-lock.json):
/// finds it, installs it with <c>npm ci</c> when node_modules is missing, and runs its scripts.
/// </summary>
public static class NodeTools
{
    public const string RelativeDirectory = "DiagnosticTests.Tests/ClientTools";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool s_installed;

    public static string Directory { get; } = FindDirectory();

    /// <summary>Why Node cannot run here, or null when <c>node --version</c> works.</summary>
    public static async Task<string?> WhyNodeIsUnavailableAsync()
    {
        try
        {
            var result = await RunAsync("node", ["--version"], new Dictionary<string, string>(), TimeSpan.FromSeconds(30));
            return result.ExitCode == 0 ? null : $"'node --version' exited with {result.ExitCode}: {result.Output}";
        }
        catch (Win32Exception ex)
        {
            return $"Node.js is not installed or not on PATH ({ex.Message}); the client checks need Node 20 or later.";
        }
    }

    /// <summary>Runs <c>npm ci</c> once per test run when node_modules is missing; fails with npm's output if that fails.</summary>
    public static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (s_installed || System.IO.Directory.Exists(Path.Combine(Directory, "node_modules")))
            {
                s_installed = true;
                return;
            }

            var result = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
            if (result.ExitCode != 0)
            {
                Assert.Fail($"'npm ci' in {Directory} exited with {result.ExitCode}. Run it there by hand to see why.\n{result.Output}");
            }

            s_installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Runs <c>node script</c> in the tools folder with extra environment variables; stdout and stderr together.</summary>
    public static Task<(int ExitCode, string Output)> RunScriptAsync(string script, IReadOnlyDictionary<string, string> environment, TimeSpan timeout) =>
        RunAsync("node", [script], environment, timeout);

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string file, string[] args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        args.ToList().ForEach(start.ArgumentList.Add);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{file} {string.Join(' ', args)}' did not finish within {timeout}.\n{Text(output)}");
        }

        // The parameterless wait returns only once the redirected streams are drained.
        await process.WaitForExitAsync();
        return (process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativeDirectory);
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No {RelativeDirectory}/package.json above {AppContext.BaseDirectory}.");
    }
}
