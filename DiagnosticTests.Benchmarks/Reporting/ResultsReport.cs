using System.Globalization;
using System.Text;
using System.Text.Json;
using DiagnosticTests.Benchmarks.Load;

namespace DiagnosticTests.Benchmarks.Reporting;

/// <summary>One measured (or skipped) row of the table.</summary>
public sealed record ScenarioRow(string Id, string Title, string Url, LoadResult? Result, string? NotRun = null, string? BaselineId = null)
{
    /// <summary>The machine's 1-minute load average when the scenario ended: other work on the machine shows here.</summary>
    public double? LoadAverage { get; init; }

    /// <summary>CPU milliseconds per request of the answering process (service, or the baseline inside this process).</summary>
    public double? AppCpuMsPerRequest { get; init; }

    /// <summary>CPU milliseconds per request of the database server (all backends); null when not measurable.</summary>
    public double? DatabaseCpuMsPerRequest { get; init; }

    public double? RatioToBaseline { get; init; }

    /// <summary>The baseline that checks the same bearer token first (B1s, B2s, B4s), if this scenario has one.</summary>
    public string? SignedInBaselineId { get; init; }

    public double? RatioToSignedInBaseline { get; init; }
}

/// <summary>The run's table (console and markdown) and its JSON file.</summary>
public sealed record ResultsReport(
    int Tests,
    int Tags,
    int Links,
    int Clients,
    int DurationSeconds,
    int PrimeSeconds,
    int WarmupSeconds,
    int Rounds,
    string Generator,
    string Database,
    string Machine,
    IReadOnlyDictionary<string, object> Catalogue,
    IReadOnlyList<string> Checks,
    IReadOnlyList<ScenarioRow> Rows)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Table()
    {
        var header = new[] { "scenario", "req/s", "p50 ms", "p99 ms", "errors", "bytes (mean)", "app CPU ms/req", "db CPU ms/req", "service/baseline", "vs signed-in", "load avg" };
        var lines = Rows.Select(r => r.Result is { } x
            ? new[]
            {
                $"{r.Id} {r.Title}",
                x.RequestsPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                x.P50Ms.ToString("F1", CultureInfo.InvariantCulture),
                x.P99Ms.ToString("F1", CultureInfo.InvariantCulture),
                $"{x.Errors}/{x.Requests}",
                x.MeanBytes.ToString("F0", CultureInfo.InvariantCulture),
                r.AppCpuMsPerRequest?.ToString("F2", CultureInfo.InvariantCulture) ?? "",
                r.DatabaseCpuMsPerRequest?.ToString("F2", CultureInfo.InvariantCulture) ?? "",
                Times(r.RatioToBaseline),
                Times(r.RatioToSignedInBaseline),
                r.LoadAverage?.ToString("F1", CultureInfo.InvariantCulture) ?? "",
            }
            : [$"{r.Id} {r.Title}", "n/a", "", "", "", "", "", "", r.NotRun ?? "", "", ""]).ToList();

        var widths = header.Select((h, i) => Math.Max(h.Length, lines.Count == 0 ? 0 : lines.Max(l => l[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells) => text.AppendLine("| " + string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |");
        Line(header);
        text.AppendLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        lines.ForEach(Line);
        return text.ToString();
    }

    private static string Times(double? ratio) =>
        ratio is { } value ? value.ToString(value < 0.1 ? "F3" : "F2", CultureInfo.InvariantCulture) + "×" : "";

    public async Task<string> WriteJsonAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"results-{Tests}.json");
        var document = new
        {
            Tests,
            Tags,
            Links,
            Clients,
            DurationSeconds,
            PrimeSeconds,
            WarmupSeconds,
            Rounds,
            Generator,
            Database,
            Machine,
            Catalogue,
            Checks,
            Scenarios = Rows.Select(r => new
            {
                r.Id,
                r.Title,
                r.Url,
                RequestsPerSecond = r.Result?.RequestsPerSecond,
                P50Ms = r.Result?.P50Ms,
                P99Ms = r.Result?.P99Ms,
                Errors = r.Result?.Errors,
                Requests = r.Result?.Requests,
                MeanResponseBytes = r.Result?.MeanBytes,
                r.RatioToBaseline,
                r.BaselineId,
                r.RatioToSignedInBaseline,
                r.SignedInBaselineId,
                r.LoadAverage,
                r.AppCpuMsPerRequest,
                r.DatabaseCpuMsPerRequest,
                r.NotRun,
                ErrorSamples = r.Result?.ErrorSamples,
            }),
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Json), cancellationToken);
        return path;
    }
}
