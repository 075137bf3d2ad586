using DiagnosticTests.Api.Startup;

namespace DiagnosticTests.Api.Commands;

/// <summary>
/// Operational verbs of the same executable, so the container image that serves also administers:
/// <c>migrate</c>, <c>wait-for-db [--timeout S]</c>, <c>create-admin --email E</c>, <c>import-catalogue FILE</c>,
/// <c>export-catalogue FILE</c>. Anything else starts the web service.
/// </summary>
public static class CommandRunner
{
    private static readonly Dictionary<string, Func<IServiceProvider, string[], CancellationToken, Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["migrate"] = MigrateAsync,
        ["create-admin"] = CreateAdminCommand.RunAsync,
        ["wait-for-db"] = WaitForDatabaseAsync,
        ["import-catalogue"] = CatalogueCommands.ImportAsync,
        ["export-catalogue"] = CatalogueCommands.ExportAsync,
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.ContainsKey(args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        await using var scope = services.CreateAsyncScope();
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await Verbs[args[0]](scope.ServiceProvider, args[1..], cancellation.Token);
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        await Console.Out.WriteLineAsync("Migrations applied.");
        return 0;
    }

    /// <summary><c>wait-for-db [--timeout S]</c>: exit 0 once the database accepts connections, 1 on timeout (default 60 s).</summary>
    private static async Task<int> WaitForDatabaseAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        var timeoutText = Option(args, "--timeout") ?? "60";
        if (!int.TryParse(timeoutText, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
        {
            await Console.Error.WriteLineAsync($"--timeout must be a whole number of seconds; got '{timeoutText}'.");
            return 2;
        }

        var ready = await services.GetRequiredService<DatabaseWaiter>().WaitAsync(TimeSpan.FromSeconds(seconds), cancellationToken);
        await (ready ? Console.Out : Console.Error).WriteLineAsync(ready ? "Database is accepting connections." : $"Database not reachable within {seconds} s.");
        return ready ? 0 : 1;
    }

    /// <summary>The value after <paramref name="option"/> (e.g. <c>--email a@b.c</c>), or null.</summary>
    public static string? Option(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
