using System.Data.Common;
using DiagnosticTests.Api.Caching;
using DiagnosticTests.Api.Data;
using DiagnosticTests.Api.Data.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>
/// Every tag, by name and by id, for one version of the Tags table (<see cref="DataArea.Tags"/>), so a tag
/// search can compare the link table's TagId with a number instead of looking each name up in Tags (an InitPlan
/// per name: about a sixth of the database's CPU for a one-row tag search, 33–38 against 29–33 µs per execution
/// under pgbench), and expanded tags can be filled in from memory instead of joined from Tags
/// (<see cref="OData.DirectWriting.SnapshotTagExpansion"/>). Like the other caches it answers only while every
/// write is known to reach this process; otherwise, and until a refresh after a change has loaded,
/// <see cref="Current"/> is null: searches look names up and expansions join Tags in SQL.
/// The refresh runs in the background, so no request waits for it.
/// </summary>
public sealed partial class TagCache(
    DataVersions versions,
    IOptions<CachingOptions> options,
    IServiceScopeFactory scopes,
    ILogger<TagCache> logger)
{
    // After a failed load, the next waits this long: a database that refuses it should not get one per search.
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private volatile TagSnapshot? _snapshot;
    private int _refreshing;
    private long _retryAt;

    /// <summary>The tags of the Tags table as it is now, or null (and a refresh started) when they are not known.</summary>
    public TagSnapshot? Current()
    {
        if (!options.Value.Enabled || !versions.IsTracking)
        {
            return null;
        }

        var snapshot = _snapshot;
        if (snapshot is not null && snapshot.Version == versions.Current(DataArea.Tags))
        {
            return snapshot;
        }

        if (Environment.TickCount64 >= Interlocked.Read(ref _retryAt) && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
        {
            // On the thread pool and outside the request's execution context: no request waits for it or owns it.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(RefreshAsync);
            }
        }

        return null;
    }

    private async Task RefreshAsync()
    {
        try
        {
            // Read before the table: a write meanwhile leaves this snapshot under the old version, never the new one.
            var version = versions.Current(DataArea.Tags);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // Keyed as the database lower-cases them, which is how its case-insensitive comparison sees them.
            var tags = await db.Tags.AsNoTracking()
                .Select(tag => new { Key = tag.Name.ToLower(), Tag = new KnownTag(tag.Id, tag.Name, tag.Category, tag.Description) })
                .ToListAsync();
            _snapshot = new TagSnapshot(version, tags.ToDictionary(tag => tag.Key, tag => tag.Tag, StringComparer.Ordinal));
        }
        catch (Exception exception) when (exception is DbException or RetryLimitExceededException or InvalidOperationException or TimeoutException)
        {
            Interlocked.Exchange(ref _retryAt, Environment.TickCount64 + (long)RetryDelay.TotalMilliseconds);
            LogRefreshFailed(logger, exception.Message);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the tags ({Reason}); tag searches look names up in the database and expanded tags are joined from it")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
