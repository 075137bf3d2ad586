using Npgsql;

namespace DiagnosticTests.Api.Errors;

/// <summary>
/// Recognises Npgsql giving up on a free pooled connection: every connection stayed busy for the connection
/// string's <c>Timeout</c>. The service is overloaded, not broken, so the answer is 503, and retrying the
/// statement would only queue it again.
/// </summary>
public static class ExhaustedPool
{
    /// <summary>How long a client is asked to wait before trying again, in seconds.</summary>
    public const int RetryAfterSeconds = 1;

    public const string ClientMessage = "The service is too busy to answer: no database connection became free in time. Retry shortly.";

    // Npgsql marks it only by its message; a test holds the service's last connection to check it still does.
    private const string Message = "The connection pool has been exhausted";

    /// <summary>True for the exhausted pool's exception, or one that wraps it (EF may, around a write).</summary>
    public static bool Matches(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException { InnerException: TimeoutException } npgsql && npgsql.Message.StartsWith(Message, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
