using Npgsql;

namespace DiagnosticTests.Api.Data.Changes;

/// <summary>
/// Listens for the notifications that the tables' triggers send at commit, so writes made by other
/// replicas (or by hand) invalidate this process's caches. While not listening, caches stay off.
/// </summary>
public sealed partial class PostgresChangeListener(
    DataVersions versions,
    IConfiguration configuration,
    ILogger<PostgresChangeListener> logger) : BackgroundService
{
    public const string Channel = "diagnostictests_changes";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));
                connection.Notification += (_, e) =>
                {
                    foreach (var area in DataVersions.AreasOf(e.Payload))
                    {
                        versions.Bump(area);
                    }
                };
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever changed before LISTEN took effect is unknown: start from new versions.
                versions.BumpAll();
                versions.SetTracking(true);
                delay = TimeSpan.FromSeconds(1);
                LogListening(logger);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
            {
                versions.SetTracking(false);
                versions.BumpAll();
                LogLost(logger, exception.Message, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for data changes; response caching is on")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the change notifications ({Reason}); caching is off until reconnected in {DelaySeconds} s")]
    private static partial void LogLost(ILogger logger, string reason, double delaySeconds);
}
