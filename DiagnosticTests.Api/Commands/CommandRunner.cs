using DiagnosticTests.Api.Startup;

namespace DiagnosticTests.Api.Commands;

/// <summary>
/// Operational verbs of the same executable, so the container image that serves also administers:
/// <c>migrate</c>, <c>create-admin --email E</c>, <c>import-catalogue FILE</c>, <c>export-catalogue FILE</c>. Anything else starts the web service.
/// </summary>
public static class CommandRunner
{
    private static readonly Dictionary<string, Func<IServiceProvider, string[], CancellationToken, Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["migrate"] = MigrateAsync,
        ["create-admin"] = CreateAdminCommand.RunAsync,
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

    /// <summary>The value after <paramref name="option"/> (e.g. <c>--email a@b.c</c>), or null.</summary>
    public static string? Option(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
