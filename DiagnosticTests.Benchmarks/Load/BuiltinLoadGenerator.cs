using System.Diagnostics;
using System.Net;
using System.Text;

namespace DiagnosticTests.Benchmarks.Load;

/// <summary>
/// A closed loop of C clients on one HttpClient (C pooled connections): each sends its next request as soon as
/// the previous answer has been read and checked. Used when wrk is not installed; it shares the CPU with the
/// service and the database, so it measures lower than wrk on a small machine.
/// </summary>
public static class BuiltinLoadGenerator
{
    public static async Task<LoadResult> RunAsync(Scenario scenario, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var nonce = Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        var perClient = await RunPhaseAsync(http, scenario, clients, duration, nonce, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;

        var latencies = perClient.SelectMany(c => c.Latencies).Order().ToArray();
        var requests = latencies.LongLength;
        var errors = perClient.Sum(c => c.Errors);
        var bytes = perClient.Sum(c => c.Bytes);
        return new LoadResult(
            "builtin",
            requests,
            errors,
            seconds,
            requests / seconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            requests == 0 ? 0 : (double)bytes / requests,
            perClient.SelectMany(c => c.ErrorSamples).Take(3).ToList());
    }

    private static async Task<ClientStats[]> RunPhaseAsync(HttpClient http, Scenario scenario, int clients, TimeSpan length, string nonce, CancellationToken cancellationToken)
    {
        var end = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var tasks = Enumerable.Range(0, clients)
            .Select(client => Task.Run(() => RunClientAsync(http, scenario, client, end, nonce, cancellationToken), cancellationToken))
            .ToArray();
        return await Task.WhenAll(tasks);
    }

    private static async Task<ClientStats> RunClientAsync(HttpClient http, Scenario scenario, int client, long end, string nonce, CancellationToken cancellationToken)
    {
        var stats = new ClientStats();
        var method = new HttpMethod(scenario.Method);
        // Clients start at different paths so that multi-path scenarios spread from the first request.
        var index = client;
        while (Stopwatch.GetTimestamp() < end)
        {
            var path = scenario.Paths[index % scenario.Paths.Count];
            index++;
            using var request = new HttpRequestMessage(method, new Uri(scenario.BaseAddress, path));
            foreach (var (name, value) in scenario.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            if (scenario.BodyTemplate is { } template)
            {
                var body = template.Replace(Scenario.NamePlaceholder, $"bench-{nonce}-{client}-{index}", StringComparison.Ordinal);
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                stats.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                stats.Bytes += content.Length;
                if (!ResponseChecks.IsSuccess(scenario.Check, (int)response.StatusCode, response.Headers.Location is not null, content))
                {
                    stats.Fail($"{(int)response.StatusCode} {Encoding.UTF8.GetString(content.AsSpan(0, Math.Min(200, content.Length)))}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                stats.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                stats.Fail(ex.GetType().Name + ": " + ex.Message);
            }
        }

        return stats;
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    private sealed class ClientStats
    {
        public List<double> Latencies { get; } = new(4096);

        public long Errors { get; private set; }

        public long Bytes { get; set; }

        public List<string> ErrorSamples { get; } = [];

        public void Fail(string sample)
        {
            Errors++;
            if (ErrorSamples.Count < 3)
            {
                ErrorSamples.Add(sample);
            }
        }
    }
}

/// <summary>The success rule shared by both generators (the wrk script has the same rule in Lua).</summary>
public static class ResponseChecks
{
    private static readonly byte[] NonEmptyValue = "\"value\":[{"u8.ToArray();
    private static readonly byte[] IdProperty = "\"Id\":"u8.ToArray();

    public static bool IsSuccess(ResponseCheck check, int status, bool hasLocation, ReadOnlySpan<byte> body) => check switch
    {
        ResponseCheck.Collection => status == 200 && body.IndexOf(NonEmptyValue) >= 0,
        ResponseCheck.Entity => status == 200 && body.IndexOf(IdProperty) >= 0,
        ResponseCheck.Created => status == 201 && hasLocation,
        ResponseCheck.NotModifiedOrCollection => status == 304 || (status == 200 && body.IndexOf(NonEmptyValue) >= 0),
        _ => false,
    };
}
