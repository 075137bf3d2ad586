using System.Net.Http.Headers;
using System.Text.Json;
using DiagnosticTests.Benchmarks.Load;

namespace DiagnosticTests.Benchmarks.Reporting;

/// <summary>
/// Before the load: one request of each service scenario that has a baseline and of its baseline, to check
/// that both answer the same rows in the same order (else the ratio would compare different work).
/// </summary>
public static class ShapeCheck
{
    public static async Task<IReadOnlyList<string>> CompareAsync(IReadOnlyList<Scenario> service, IReadOnlyList<Scenario> baselines, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var notes = new List<string>();
        foreach (var baseline in baselines)
        {
            if (service.FirstOrDefault(s => s.Id == baseline.BaselineFor) is not { } original)
            {
                continue;
            }

            var serviceIds = await IdsAsync(http, original, cancellationToken);
            var baselineIds = await IdsAsync(http, baseline, cancellationToken);
            notes.Add(serviceIds.SequenceEqual(baselineIds)
                ? $"scenario {original.Id}: service and baseline {baseline.Id} return the same {serviceIds.Count} rows in the same order"
                : $"scenario {original.Id}: MISMATCH service [{Preview(serviceIds)}] vs baseline {baseline.Id} [{Preview(baselineIds)}]");
        }

        return notes;
    }

    /// <summary>The ETag of scenario 1's answer, or null when the service sends none.</summary>
    public static async Task<string?> ETagAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var response = await SendAsync(http, scenario, cancellationToken);
        return response.Headers.ETag?.ToString();
    }

    private static async Task<List<int>> IdsAsync(HttpClient http, Scenario scenario, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(http, scenario, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{scenario.Id} answered {(int)response.StatusCode}: {body[..Math.Min(500, body.Length)]}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("value").EnumerateArray()
            .Select(item => (item.TryGetProperty("Id", out var id) ? id : item.GetProperty("DiagnosticTestId")).GetInt32())
            .ToList();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, Scenario scenario, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(scenario.BaseAddress, scenario.Paths[0]));
        foreach (var (name, value) in scenario.Headers.Where(h => h.Key != "If-None-Match"))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await http.SendAsync(request, cancellationToken);
    }

    private static string Preview(List<int> ids) =>
        string.Join(",", ids.Take(8)) + (ids.Count > 8 ? $",… ({ids.Count})" : "");
}
