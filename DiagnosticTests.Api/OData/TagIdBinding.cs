using DiagnosticTests.Api.Catalogue;

namespace DiagnosticTests.Api.OData;

/// <summary>
/// The tag ids a request's tag search was bound with (<see cref="TagFilterBinder"/>): one snapshot for every name
/// of the request, or none when the ids were not known and the names are looked up in SQL. A reused binding
/// (<see cref="BoundQueries.BoundQueryCache"/>) stays valid only while the tag ids it was bound with are current.
/// </summary>
public sealed class TagIdBinding
{
    private static readonly object Key = new();

    private TagIdBinding(TagIdSnapshot? snapshot) => Snapshot = snapshot;

    public TagIdSnapshot? Snapshot { get; }

    /// <summary>The ids this request binds its tag searches with, chosen on its first search.</summary>
    public static TagIdBinding For(HttpContext context)
    {
        if (context.Items.TryGetValue(Key, out var chosen))
        {
            return (TagIdBinding)chosen!;
        }

        var binding = new TagIdBinding(context.RequestServices.GetRequiredService<TagIdCache>().Current());
        context.Items[Key] = binding;
        return binding;
    }

    /// <summary>The ids this request's tag searches were bound with, or null when it bound none.</summary>
    public static TagIdBinding? Of(HttpContext context) =>
        context.Items.TryGetValue(Key, out var chosen) ? (TagIdBinding)chosen! : null;

    /// <summary>Whether a binding made with these ids still finds the same tags.</summary>
    public bool IsCurrent(TagIdCache cache) => ReferenceEquals(Snapshot, cache.Current());
}
