using Microsoft.AspNetCore.OData.Deltas;

namespace DiagnosticTests.Api.OData;

public static class DeltaExtensions
{
    /// <summary>True when the body sends an <c>Id</c> other than the key in the URL; ids are server-assigned.</summary>
    public static bool ChangesKey<T>(this Delta<T> changes, int key)
        where T : class =>
        changes.GetChangedPropertyNames().Contains("Id")
        && changes.TryGetPropertyValue("Id", out var id)
        && id is int sentId
        && sentId != key;

    /// <summary>PUT resets what the body leaves out; PATCH changes only what it sends. The key stays the URL's.</summary>
    public static void ApplyTo<T>(this Delta<T> changes, T entity, bool replace, Action<T> keepKey)
        where T : class
    {
        if (replace)
        {
            changes.Put(entity);
        }
        else
        {
            changes.Patch(entity);
        }

        keepKey(entity);
    }
}
