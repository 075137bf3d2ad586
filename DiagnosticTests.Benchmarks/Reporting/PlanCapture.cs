using System.Text;
using DiagnosticTests.Benchmarks.Baseline;
using DiagnosticTests.Benchmarks.Catalogue;
using DiagnosticTests.Benchmarks.Database;
using DiagnosticTests.Benchmarks.Load;
using DiagnosticTests.Benchmarks.Service;
using Npgsql;

namespace DiagnosticTests.Benchmarks.Reporting;

/// <summary>
/// --explain: the plans behind scenarios 1, 2 and 4. The service is restarted with EF Core's command log at
/// Information (the SQL it generates) and with auto_explain on its database (each statement's actual plan with
/// ANALYZE and BUFFERS, with the real parameter values); each scenario is called twice. The baseline's SQL is
/// explained directly. Everything goes to one text file.
/// </summary>
public static class PlanCapture
{
    private static readonly string[] AutoExplainSettings =
    [
        "session_preload_libraries = 'auto_explain'",
        "auto_explain.log_min_duration = 0",
        "auto_explain.log_analyze = on",
        "auto_explain.log_buffers = on",
        "auto_explain.log_timing = on",
    ];

    public static async Task<string> CaptureAsync(
        BenchmarkDatabase database,
        NpgsqlDataSource dataSource,
        string repositoryRoot,
        IReadOnlyDictionary<string, string> serviceEnvironment,
        string token,
        ScenarioTags tags,
        string outputDirectory,
        int testCount,
        CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        var databaseName = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        var quoted = "\"" + databaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var autoExplain = database.ServerLog is not null;
        if (autoExplain)
        {
            foreach (var setting in AutoExplainSettings)
            {
                await ExecuteAsync(dataSource, $"ALTER DATABASE {quoted} SET {setting}", cancellationToken);
            }
        }
        else
        {
            output.AppendLine("(auto_explain skipped: the benchmark does not own this server's log; the EF SQL below is from the service's log)");
        }

        var logStart = autoExplain ? new FileInfo(database.ServerLog!).Length : 0;
        var serviceLog = Path.Combine(outputDirectory, $"service-explain-{testCount}.log");
        var environment = new Dictionary<string, string>(serviceEnvironment)
        {
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        };
        try
        {
            await using (var service = await ServiceProcess.StartAsync(repositoryRoot, database.ConnectionString, serviceLog, environment, cancellationToken))
            {
                var scenarios = Scenarios.ForService(service.BaseAddress, token, tags, testCount, etag: null)
                    .Where(s => s.Id is "1" or "2" or "4")
                    .ToList();
                using var http = new HttpClient { BaseAddress = service.BaseAddress };
                await using var marker = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
                foreach (var scenario in scenarios)
                {
                    for (var call = 1; call <= 2; call++)
                    {
                        // The marker lands in both logs' order, so each plan can be told apart by scenario.
                        await ExecuteAsync(marker, $"SELECT 'bench-marker: scenario {scenario.Id}, call {call}'", cancellationToken);
                        using var request = new HttpRequestMessage(HttpMethod.Get, scenario.Paths[0]);
                        request.Headers.TryAddWithoutValidation("Authorization", scenario.Headers["Authorization"]);
                        using var response = await http.SendAsync(request, cancellationToken);
                        output.AppendLine($"scenario {scenario.Id} call {call}: GET /{scenario.Paths[0]} -> {(int)response.StatusCode}");
                    }
                }
            }
        }
        finally
        {
            if (autoExplain)
            {
                await ExecuteAsync(dataSource, $"ALTER DATABASE {quoted} RESET ALL", cancellationToken);
            }
        }

        output.AppendLine().AppendLine("==== EF Core: generated SQL (service log, Microsoft.EntityFrameworkCore.Database.Command) ====");
        output.AppendLine(await File.ReadAllTextAsync(serviceLog, cancellationToken));
        if (autoExplain)
        {
            output.AppendLine("==== auto_explain: the service's statements with their actual plans (server log) ====");
            await using var log = new FileStream(database.ServerLog!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            log.Seek(logStart, SeekOrigin.Begin);
            using var reader = new StreamReader(log);
            output.AppendLine(await reader.ReadToEndAsync(cancellationToken));
        }

        output.AppendLine("==== baseline SQL: EXPLAIN (ANALYZE, BUFFERS) ====");
        await AppendBaselinePlanAsync(output, "B1 (all-of common)", BaselineQueries.AllOfCommand(dataSource, tags.CommonPair, Scenarios.AllOfTop), cancellationToken);
        await AppendBaselinePlanAsync(output, "B2 (all-of rare)", BaselineQueries.AllOfCommand(dataSource, tags.RarePair, Scenarios.AllOfTop), cancellationToken);
        await AppendBaselinePlanAsync(output, "B4 (recommend)", BaselineQueries.RecommendCommand(dataSource, tags.Recommend, Scenarios.Sex, Scenarios.Age, Scenarios.PageSize), cancellationToken);

        var path = Path.Combine(outputDirectory, $"explain-{testCount}.txt");
        await File.WriteAllTextAsync(path, output.ToString(), cancellationToken);
        return path;
    }

    private static async Task AppendBaselinePlanAsync(StringBuilder output, string title, NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            output.AppendLine($"-- {title}").AppendLine(command.CommandText).AppendLine();
            command.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + command.CommandText;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                output.AppendLine(reader.GetString(0));
            }

            output.AppendLine();
        }
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
