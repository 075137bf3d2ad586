namespace DiagnosticTests.Api.Data.Changes;

/// <summary>With SQLite every write goes through this process's interceptor, so changes are always known.</summary>
public sealed class TrackSingleProcessWrites(DataVersions versions) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        versions.SetTracking(true);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
