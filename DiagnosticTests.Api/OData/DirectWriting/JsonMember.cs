using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.OData.Edm;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>One primitive property, written as OData's JSON writer writes it.</summary>
public sealed class JsonMember
{
    private static readonly EdmPrimitiveTypeKind[] Writable =
    [
        EdmPrimitiveTypeKind.String, EdmPrimitiveTypeKind.Int32, EdmPrimitiveTypeKind.Int16, EdmPrimitiveTypeKind.Byte,
        EdmPrimitiveTypeKind.Boolean, EdmPrimitiveTypeKind.Decimal, EdmPrimitiveTypeKind.DateTimeOffset, EdmPrimitiveTypeKind.Guid,
        EdmPrimitiveTypeKind.Double,
    ];

    private readonly JsonEncodedText _name;
    private readonly Action<Utf8JsonWriter, JsonEncodedText, object> _write;

    private JsonMember(string property, Action<Utf8JsonWriter, JsonEncodedText, object> write)
    {
        Property = property;
        _name = JsonEncodedText.Encode(property, JsonShape.Encoder);
        _write = write;
    }

    /// <summary>
    /// The kinds whose JSON is the same here as in OData's writer without IEEE754Compatible, and collections of
    /// strings. Not Int64 or Single, nor dates, durations, spatial or stream values.
    /// </summary>
    public static bool IsWritable(IEdmTypeReference type) =>
        (type.IsPrimitive() && Writable.Contains(type.AsPrimitive().PrimitiveKind()))
        || (type.IsCollection() && type.AsCollection().ElementType() is { } element && element.IsPrimitive()
            && element.AsPrimitive().PrimitiveKind() == EdmPrimitiveTypeKind.String);

    /// <summary>The property's name in the model.</summary>
    public string Property { get; }

    /// <summary>
    /// The member for a readable property of <paramref name="type"/>, or null when it has none of that name. Its value
    /// goes to the <see cref="JsonValues"/> overload of its CLR type, compiled once, so a page's numbers and dates are
    /// not boxed (about 650 boxes for a page of 50 tests with their tags); other types go through
    /// <see cref="JsonValues.WriteObject"/>.
    /// </summary>
    public static JsonMember? For(Type type, string property)
    {
        if (type.GetProperty(property) is not { CanRead: true } clrProperty)
        {
            return null;
        }

        var json = Expression.Parameter(typeof(Utf8JsonWriter), "json");
        var name = Expression.Parameter(typeof(JsonEncodedText), "name");
        var entity = Expression.Parameter(typeof(object), "entity");
        var value = Expression.Variable(clrProperty.PropertyType, "value");
        var valueType = Nullable.GetUnderlyingType(value.Type) ?? value.Type;
        Expression write = typeof(JsonValues).GetMethod(nameof(JsonValues.Write), [typeof(Utf8JsonWriter), typeof(JsonEncodedText), valueType]) is { } typed
            ? Expression.Call(typed, json, name, Expression.Convert(value, valueType))
            : Expression.Call(typeof(JsonValues).GetMethod(nameof(JsonValues.WriteObject))!, json, name, Expression.Convert(value, typeof(object)));
        if (valueType != value.Type)
        {
            // int? and the like: null, or the value through its own type's overload.
            write = Expression.IfThenElse(
                Expression.Property(value, nameof(Nullable<>.HasValue)),
                write,
                Expression.Call(json, nameof(Utf8JsonWriter.WriteNull), null, name));
        }

        var body = Expression.Block([value], Expression.Assign(value, Expression.Property(Expression.Convert(entity, type), clrProperty)), write);
        return new JsonMember(property, Expression.Lambda<Action<Utf8JsonWriter, JsonEncodedText, object>>(body, json, name, entity).Compile());
    }

    public void Write(Utf8JsonWriter json, object entity) => _write(json, _name, entity);
}
