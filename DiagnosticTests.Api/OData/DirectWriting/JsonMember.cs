using System.Text.Json;
using Microsoft.OData.Edm;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>One primitive property, written as OData's JSON writer writes it.</summary>
public sealed class JsonMember(JsonEncodedText name, Func<object, object?> get)
{
    private static readonly EdmPrimitiveTypeKind[] Writable =
    [
        EdmPrimitiveTypeKind.String, EdmPrimitiveTypeKind.Int32, EdmPrimitiveTypeKind.Int16, EdmPrimitiveTypeKind.Byte,
        EdmPrimitiveTypeKind.Boolean, EdmPrimitiveTypeKind.Decimal, EdmPrimitiveTypeKind.DateTimeOffset, EdmPrimitiveTypeKind.Guid,
    ];

    /// <summary>
    /// The kinds whose JSON is the same here as in OData's writer without IEEE754Compatible. Not Int64, Double or
    /// Single (OData has its own number formats for them), nor dates, durations, spatial or stream values.
    /// </summary>
    public static bool IsWritable(IEdmTypeReference type) =>
        type.IsPrimitive() && Writable.Contains(type.AsPrimitive().PrimitiveKind());

    public void Write(Utf8JsonWriter json, object entity)
    {
        switch (get(entity))
        {
            case null:
                json.WriteNull(name);
                break;
            case string text:
                json.WriteString(name, text);
                break;
            case int number:
                json.WriteNumber(name, number);
                break;
            case short number:
                json.WriteNumber(name, number);
                break;
            case byte number:
                json.WriteNumber(name, number);
                break;
            case bool flag:
                json.WriteBoolean(name, flag);
                break;
            case decimal number:
                json.WriteNumber(name, number);
                break;
            case DateTimeOffset { Offset.Ticks: 0 } instant:
                // OData writes a UTC offset as "Z"; System.Text.Json writes a UTC DateTime that way.
                json.WriteString(name, instant.UtcDateTime);
                break;
            case DateTimeOffset instant:
                json.WriteString(name, instant);
                break;
            case Guid id:
                json.WriteString(name, id);
                break;
            default:
                throw new InvalidOperationException($"No JSON form for a {get(entity)!.GetType().Name} property.");
        }
    }
}
