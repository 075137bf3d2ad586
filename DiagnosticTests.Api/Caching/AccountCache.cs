using DiagnosticTests.Api.Data.Changes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace DiagnosticTests.Api.Caching;

/// <summary>
/// Remembers who a user or token is between requests, so a cached read needs no database round trip
/// to sign the caller in. Keyed by the accounts version: a role change, deactivation or revocation
/// (here or in another replica) is seen on the next request, as without the cache.
/// </summary>
public sealed class AccountCache(DataVersions versions, IOptions<CachingOptions> options) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions());

    // A ValueTask: a hit, which is nearly every request, completes at once and allocates no task.
    public async ValueTask<T?> GetOrLoadAsync<T>(string kind, string id, Func<Task<T?>> load)
    {
        if (!options.Value.Enabled || !versions.IsTracking)
        {
            return await load();
        }

        var key = (kind, id, versions.Current(DataArea.Accounts));
        if (_entries.TryGetValue(key, out Box<T>? box) && box is not null)
        {
            return box.Value;
        }

        var value = await load();
        _entries.Set(key, new Box<T>(value), Lifetime);
        return value;
    }

    public void Dispose() => _entries.Dispose();

    // Caches "no such user" too, which a bare null could not tell apart from a miss.
    private sealed record Box<T>(T? Value);
}
