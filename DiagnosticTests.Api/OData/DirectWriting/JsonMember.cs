using System.Globalization;
using System.Text.Json;
using Microsoft.OData.Edm;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>One primitive property, written as OData's JSON writer writes it.</summary>
public sealed class JsonMember(string property, Func<object, object?> get)
{
    private readonly JsonEncodedText _name = JsonEncodedText.Encode(property, JsonShape.Encoder);

    private static readonly EdmPrimitiveTypeKind[] Writable =
    [
        EdmPrimitiveTypeKind.String, EdmPrimitiveTypeKind.Int32, EdmPrimitiveTypeKind.Int16, EdmPrimitiveTypeKind.Byte,
        EdmPrimitiveTypeKind.Boolean, EdmPrimitiveTypeKind.Decimal, EdmPrimitiveTypeKind.DateTimeOffset, EdmPrimitiveTypeKind.Guid,
        EdmPrimitiveTypeKind.Double,
    ];

    /// <summary>
    /// The kinds whose JSON is the same here as in OData's writer without IEEE754Compatible, and collections of
    /// strings. Not Int64 or Single, nor dates, durations, spatial or stream values.
    /// </summary>
    public static bool IsWritable(IEdmTypeReference type) =>
        (type.IsPrimitive() && Writable.Contains(type.AsPrimitive().PrimitiveKind()))
        || (type.IsCollection() && type.AsCollection().ElementType() is { } element && element.IsPrimitive()
            && element.AsPrimitive().PrimitiveKind() == EdmPrimitiveTypeKind.String);

    /// <summary>The property's name in the model.</summary>
    public string Property => property;

    public void Write(Utf8JsonWriter json, object entity)
    {
        switch (get(entity))
        {
            case null:
                json.WriteNull(_name);
                break;
            case string text:
                json.WriteString(_name, text);
                break;
            case int number:
                json.WriteNumber(_name, number);
                break;
            case short number:
                json.WriteNumber(_name, number);
                break;
            case byte number:
                json.WriteNumber(_name, number);
                break;
            case bool flag:
                json.WriteBoolean(_name, flag);
                break;
            case decimal number:
                json.WriteNumber(_name, number);
                break;
            case DateTimeOffset { Offset.Ticks: 0 } instant:
                // OData writes a UTC offset as "Z"; System.Text.Json writes a UTC DateTime that way.
                json.WriteString(_name, instant.UtcDateTime);
                break;
            case DateTimeOffset instant:
                json.WriteString(_name, instant);
                break;
            case Guid id:
                json.WriteString(_name, id);
                break;
            case double number when double.IsFinite(number) && number == Math.Floor(number) && Math.Abs(number) < 1e15:
                // OData writes a whole double with a decimal point ("1.0"); System.Text.Json writes "1".
                json.WritePropertyName(_name);
                json.WriteRawValue(number.ToString("F1", CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            case double number when double.IsFinite(number):
                json.WriteNumber(_name, number);
                break;
            case double number:
                // The OData JSON format writes the special values as strings.
                json.WriteString(_name, double.IsNaN(number) ? "NaN" : number > 0 ? "INF" : "-INF");
                break;
            case IEnumerable<string> texts:
                json.WriteStartArray(_name);
                foreach (var text in texts)
                {
                    json.WriteStringValue(text);
                }

                json.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"No JSON form for a {get(entity)!.GetType().Name} property.");
        }
    }
}
