using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace DiagnosticTests.Benchmarks.Load;

/// <summary>
/// Runs wrk (a C load generator, far cheaper per request than HttpClient) with a generated Lua script: one run
/// per call (the warm-up is a call of its own), whose done() prints one BENCH_JSON line with counts and percentiles.
/// </summary>
public static class WrkLoadGenerator
{
    public static string? FindWrk() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "wrk"))
            .FirstOrDefault(File.Exists);

    public static async Task<LoadResult> RunAsync(string wrk, Scenario scenario, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var nonce = Guid.NewGuid().ToString("N")[..8];
        var script = Path.Combine(Path.GetTempPath(), $"dtbench-{scenario.Id}-{nonce}.lua");
        try
        {
            await File.WriteAllTextAsync(script, Script(scenario, nonce), cancellationToken);
            var output = await RunWrkAsync(wrk, scenario, clients, duration, script, cancellationToken);
            return Parse(output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<string> RunWrkAsync(string wrk, Scenario scenario, int clients, TimeSpan length, string script, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args =
        [
            "-t", Math.Min(Environment.ProcessorCount, clients).ToString(CultureInfo.InvariantCulture),
            "-c", clients.ToString(CultureInfo.InvariantCulture),
            "-d", $"{Math.Max(1, (int)Math.Round(length.TotalSeconds))}s",
            "--timeout", "30s",
            "-s", script,
            scenario.BaseAddress.ToString(),
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await error}\n{await output}");
        }

        return await output;
    }

    private static LoadResult Parse(string output)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("BENCH_JSON ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no BENCH_JSON line:\n{output}");
        using var json = JsonDocument.Parse(line["BENCH_JSON ".Length..]);
        var root = json.RootElement;
        var requests = root.GetProperty("requests").GetInt64();
        var responses = root.GetProperty("responses").GetInt64();
        var seconds = root.GetProperty("duration_us").GetInt64() / 1e6;
        var errors = root.GetProperty("bad").GetInt64() + root.GetProperty("socket_errors").GetInt64();
        var samples = root.GetProperty("samples").GetString()!.Split('\t', StringSplitOptions.RemoveEmptyEntries).Take(3).ToList();
        return new LoadResult(
            "wrk",
            requests,
            errors,
            seconds,
            requests / seconds,
            root.GetProperty("p50_us").GetInt64() / 1000.0,
            root.GetProperty("p99_us").GetInt64() / 1000.0,
            responses == 0 ? 0 : root.GetProperty("body_bytes").GetInt64() / (double)responses,
            samples);
    }

    private static string Script(Scenario scenario, string nonce)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("wrk-scenario.lua")
            ?? throw new InvalidOperationException("The wrk script template is not embedded.");
        using var reader = new StreamReader(stream);
        var template = reader.ReadToEnd();

        var headers = new StringBuilder();
        foreach (var (name, value) in scenario.Headers)
        {
            headers.Append(CultureInfo.InvariantCulture, $"wrk.headers[ {Lua(name)} ] = {Lua(value)}\n");
        }

        if (scenario.BodyTemplate is not null)
        {
            headers.Append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        }

        var check = scenario.Check switch
        {
            ResponseCheck.Collection => "collection",
            ResponseCheck.Entity => "entity",
            ResponseCheck.Created => "created",
            ResponseCheck.NotModifiedOrCollection => "notmodified",
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        return template
            .Replace("local paths = {} -- generated", $"local paths = {{ {string.Join(", ", scenario.Paths.Select(p => Lua("/" + p.TrimStart('/'))))} }}", StringComparison.Ordinal)
            .Replace("local method = \"GET\" -- generated", $"local method = {Lua(scenario.Method)}", StringComparison.Ordinal)
            .Replace("local body_template = nil -- generated", $"local body_template = {(scenario.BodyTemplate is null ? "nil" : Lua(scenario.BodyTemplate))}", StringComparison.Ordinal)
            .Replace("local check = \"collection\" -- generated", $"local check = {Lua(check)}", StringComparison.Ordinal)
            .Replace("local nonce = \"\" -- generated", $"local nonce = {Lua(nonce)}", StringComparison.Ordinal)
            .Replace("-- generated headers", headers.ToString(), StringComparison.Ordinal);
    }

    // A Lua long string: no escapes needed, and none of our values contains "]==]".
    private static string Lua(string value) =>
        value.Contains("]==]", StringComparison.Ordinal) ? throw new ArgumentException($"Cannot quote {value} for Lua.") : $"[==[{value}]==]";
}
