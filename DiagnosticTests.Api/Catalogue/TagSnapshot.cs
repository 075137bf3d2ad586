using System.Collections.Frozen;
using DiagnosticTests.Domain;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>A tag as the Tags table holds it.</summary>
public sealed record KnownTag(int Id, string Name, string Category, string? Description)
{
    /// <summary>A new entity with this tag's values, for one response to own.</summary>
    public Tag ToTag() => new() { Id = Id, Name = Name, Category = Category, Description = Description };
}

/// <summary>The tags by name and by id, as the Tags table was at <see cref="Version"/> (of <see cref="Data.Changes.DataArea.Tags"/>).</summary>
public sealed class TagSnapshot(long version, IDictionary<string, KnownTag> tagsByLoweredName)
{
    private readonly FrozenDictionary<string, KnownTag> _tags = tagsByLoweredName.ToFrozenDictionary(StringComparer.Ordinal);
    private readonly FrozenDictionary<int, KnownTag> _tagsById = tagsByLoweredName.Values.ToFrozenDictionary(tag => tag.Id);

    public long Version { get; } = version;

    /// <summary>
    /// The tag named <paramref name="name"/>, or null when there is none or the name is not matched
    /// here. The names are keyed as the database lower-cases them, under its own locale. A printable ASCII name is
    /// matched exactly: without capitals it is its own lower case in every locale, and with one it finds no key.
    /// Any other name (an accent, say) is left to the database's comparison.
    /// </summary>
    public KnownTag? Find(string name) => IsAscii(name) && _tags.TryGetValue(name, out var tag) ? tag : null;

    /// <summary>The tag whose id is <paramref name="id"/>, or null when the snapshot has none (one created since).</summary>
    public KnownTag? WithId(int id) => _tagsById.GetValueOrDefault(id);

    private static bool IsAscii(string name) => name.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0;
}
