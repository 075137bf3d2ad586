using System.Data.Common;
using DiagnosticTests.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Startup;

/// <summary>
/// Waits until the database accepts connections: in a compose stack the API may start before PostgreSQL.
/// Opens the provider's connection directly, not through EF's retry strategy, so every attempt is quick and logged.
/// </summary>
public sealed partial class DatabaseWaiter(AppDbContext db, ILogger<DatabaseWaiter> logger, TimeProvider clock)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + timeout;
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            var failure = await TryConnectAsync(cancellationToken);
            if (failure is null)
            {
                return true;
            }

            var remaining = deadline - clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                LogGaveUp(logger, attempt, timeout.TotalSeconds, failure);
                return false;
            }

            delay = TimeSpan.FromTicks(Math.Min(Math.Min(delay.Ticks * 2, MaxDelay.Ticks), remaining.Ticks));
            LogRetry(logger, attempt, failure, delay.TotalSeconds);
            await Task.Delay(delay, clock, cancellationToken);
        }
    }

    private async Task<string?> TryConnectAsync(CancellationToken cancellationToken)
    {
        await using var connection = (DbConnection)Activator.CreateInstance(db.Database.GetDbConnection().GetType())!;
        connection.ConnectionString = db.Database.GetConnectionString();
        try
        {
            await connection.OpenAsync(cancellationToken);
            return null;
        }
        catch (DbException exception)
        {
            return exception.Message;
        }
        catch (System.Net.Sockets.SocketException exception)
        {
            return exception.Message;
        }
        catch (TimeoutException exception)
        {
            return exception.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable yet (attempt {Attempt}): {Reason}. Retrying in {DelaySeconds:0.#} s")]
    private static partial void LogRetry(ILogger logger, int attempt, string reason, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Database still not reachable after {Attempts} attempts in {TimeoutSeconds} s: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, int attempts, double timeoutSeconds, string reason);
}
