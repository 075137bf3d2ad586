using DiagnosticTests.Api.Catalogue;

namespace DiagnosticTests.Api.OData;

/// <summary>
/// The tag snapshot a request's tag search (<see cref="TagFilterBinder"/>) and expanded tags
/// (<see cref="DirectWriting.SnapshotTagExpansion"/>) were bound with: one for the whole request, or none when the tags
/// were not known, and the names are looked up and the tags joined in SQL. A reused binding
/// (<see cref="BoundQueries.BoundQueryCache"/>) stays valid only while the snapshot it was bound with is current.
/// </summary>
public sealed class TagSnapshotBinding
{
    private static readonly object Key = new();

    private TagSnapshotBinding(TagSnapshot? snapshot) => Snapshot = snapshot;

    public TagSnapshot? Snapshot { get; }

    /// <summary>The snapshot this request binds its tag searches and expanded tags with, chosen on its first use.</summary>
    public static TagSnapshotBinding For(HttpContext context)
    {
        if (context.Items.TryGetValue(Key, out var chosen))
        {
            return (TagSnapshotBinding)chosen!;
        }

        var binding = new TagSnapshotBinding(context.RequestServices.GetRequiredService<TagCache>().Current());
        context.Items[Key] = binding;
        return binding;
    }

    /// <summary>The snapshot this request's tag searches and expanded tags were bound with, or null when it bound neither.</summary>
    public static TagSnapshotBinding? Of(HttpContext context) =>
        context.Items.TryGetValue(Key, out var chosen) ? (TagSnapshotBinding)chosen! : null;

    /// <summary>Whether a binding made with this snapshot still finds and writes the same tags.</summary>
    public bool IsCurrent(TagCache cache) => ReferenceEquals(Snapshot, cache.Current());
}
