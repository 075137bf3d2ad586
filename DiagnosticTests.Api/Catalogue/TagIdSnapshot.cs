using System.Collections.Frozen;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>The tags' ids by name, as the Tags table was at <see cref="Version"/> (of <see cref="Data.Changes.DataArea.TagNames"/>).</summary>
public sealed class TagIdSnapshot(long version, IDictionary<string, int> idsByLoweredName)
{
    private readonly FrozenDictionary<string, int> _ids = idsByLoweredName.ToFrozenDictionary(StringComparer.Ordinal);

    public long Version { get; } = version;

    /// <summary>
    /// The id of the tag named <paramref name="name"/>, or null when there is none or the name is not matched
    /// here. The names are keyed as the database lower-cases them, under its own locale. A printable ASCII name is
    /// matched exactly: without capitals it is its own lower case in every locale, and with one it finds no key.
    /// Any other name (an accent, say) is left to the database's comparison.
    /// </summary>
    public int? IdOf(string name) => IsAscii(name) && _ids.TryGetValue(name, out var id) ? id : null;

    private static bool IsAscii(string name) => name.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0;
}
