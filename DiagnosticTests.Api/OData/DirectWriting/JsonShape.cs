using System.Collections;
using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.OData.Edm;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>
/// How an entity type's structural properties are written, in the model's declared order (the order OData's
/// serializer writes them in), and how it reaches a navigation property's entities. Only for types whose
/// every property has a primitive kind written here; any other type has no shape and stays with OData.
/// </summary>
public sealed class JsonShape
{
    /// <summary>OData's JSON writer escapes with the relaxed encoder: non-ASCII letters and HTML characters are written as they are.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static readonly ConcurrentDictionary<(IEdmStructuredType, Type), JsonShape?> Shapes = new();

    // An array, so that writing an entity's properties enumerates them without allocating.
    private readonly JsonMember[] _members;
    private readonly Dictionary<string, Navigation> _navigations;

    private JsonShape(IEnumerable<JsonMember> members, Dictionary<string, Navigation> navigations)
    {
        _members = [.. members];
        _navigations = navigations;
    }

    public static JsonShape? For(IEdmStructuredType type, Type clrType) => Shapes.GetOrAdd((type, clrType), key => Build(key.Item1, key.Item2));

    /// <summary>
    /// The shape that writes only <paramref name="properties"/> (a $select), still in the model's order, as OData
    /// writes a selection whatever its order in the URL; null when one of them is not a property written here.
    /// </summary>
    public JsonShape? Selecting(IReadOnlyCollection<string> properties)
    {
        var selected = _members.Where(member => properties.Contains(member.Property)).ToList();
        return selected.Count == properties.Count ? new JsonShape(selected, _navigations) : null;
    }

    public void WriteProperties(Utf8JsonWriter json, object entity)
    {
        foreach (var member in _members)
        {
            member.Write(json, entity);
        }
    }

    /// <summary>The entities behind a collection navigation property, or null when the type has no such property.</summary>
    public IEnumerable? Related(object entity, string navigation) =>
        _navigations.TryGetValue(navigation, out var found) ? found.Get(entity) as IEnumerable : null;

    /// <summary>The CLR type of a collection navigation property's entities, or null when the type has no such property.</summary>
    public Type? RelatedType(string navigation) => _navigations.GetValueOrDefault(navigation)?.ElementType;

    private static JsonShape? Build(IEdmStructuredType type, Type clrType)
    {
        var members = new List<JsonMember>();
        foreach (var property in type.StructuralProperties())
        {
            if (!JsonMember.IsWritable(property.Type) || JsonMember.For(clrType, property.Name) is not { } member)
            {
                return null;
            }

            members.Add(member);
        }

        var navigations = new Dictionary<string, Navigation>(StringComparer.Ordinal);
        foreach (var navigation in type.NavigationProperties())
        {
            if (PropertyGetter.For(clrType, navigation.Name) is { } get && ElementType(clrType.GetProperty(navigation.Name)!.PropertyType) is { } elementType)
            {
                navigations[navigation.Name] = new Navigation(get, elementType);
            }
        }

        return new JsonShape(members, navigations);
    }

    private static Type? ElementType(Type collection)
    {
        var enumerable = collection is { IsGenericType: true } && collection.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? collection
            : collection.GetInterface("IEnumerable`1");
        return enumerable?.GetGenericArguments()[0];
    }

    private sealed record Navigation(Func<object, object?> Get, Type ElementType);
}
