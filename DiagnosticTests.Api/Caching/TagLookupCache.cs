using DiagnosticTests.Api.Data.Changes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace DiagnosticTests.Api.Caching;

/// <summary>A tag as a lookup by name found it: its id and its name as stored.</summary>
public sealed record TagReference(int Id, string Name);

/// <summary>
/// Remembers which tags a list of names resolves to, so a repeated <c>Recommend</c> call skips one statement.
/// Keyed by the catalogue version, so a tag created, renamed or deleted (here or in another replica) is seen
/// on the next call, as without the cache. Bounded by entries, since the names come from callers.
/// </summary>
public sealed class TagLookupCache(DataVersions versions, IOptions<CachingOptions> options) : IDisposable
{
    private const int MaxEntries = 10_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public async Task<IReadOnlyList<TagReference>> GetOrLoadAsync(IReadOnlyCollection<string> names, Func<Task<IReadOnlyList<TagReference>>> load)
    {
        if (!options.Value.Enabled || !versions.IsTracking)
        {
            return await load();
        }

        // The names as given (case variants are separate entries: only the database decides what matches). The
        // version is read before loading: a write committed meanwhile moves it, so this load is never served after it.
        // Length-prefixed, so no list of names reads as another.
        var key = (string.Concat(names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(n => $"{n.Length}:{n}")), versions.Current(DataArea.Catalogue));
        if (_entries.TryGetValue(key, out IReadOnlyList<TagReference>? known) && known is not null)
        {
            return known;
        }

        known = await load();
        _entries.Set(key, known, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Lifetime });
        return known;
    }

    public void Dispose() => _entries.Dispose();
}
