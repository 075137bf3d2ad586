using System.Globalization;
using System.Text.Json;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>
/// A property's value as OData's JSON writer writes it, one overload per CLR type so that a compiled member
/// (<see cref="JsonMember"/>) passes the value without boxing it (a nullable one as null or its value);
/// <see cref="WriteObject"/> takes any other type.
/// </summary>
public static class JsonValues
{
    public static void Write(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    public static void Write(Utf8JsonWriter json, JsonEncodedText name, int value) => json.WriteNumber(name, value);

    public static void Write(Utf8JsonWriter json, JsonEncodedText name, decimal value) => json.WriteNumber(name, value);

    public static void Write(Utf8JsonWriter json, JsonEncodedText name, bool value) => json.WriteBoolean(name, value);

    public static void Write(Utf8JsonWriter json, JsonEncodedText name, DateTimeOffset value)
    {
        if (value.Offset.Ticks == 0)
        {
            // OData writes a UTC offset as "Z"; System.Text.Json writes a UTC DateTime that way.
            json.WriteString(name, value.UtcDateTime);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>Any other value, by its runtime type.</summary>
    public static void WriteObject(Utf8JsonWriter json, JsonEncodedText name, object? value)
    {
        switch (value)
        {
            // The types with an overload of their own are written by it, so each has one JSON form.
            case null or string:
                Write(json, name, (string?)value);
                break;
            case int or short or byte:
                Write(json, name, Convert.ToInt32(value, CultureInfo.InvariantCulture));
                break;
            case bool flag:
                Write(json, name, flag);
                break;
            case decimal number:
                Write(json, name, number);
                break;
            case DateTimeOffset instant:
                Write(json, name, instant);
                break;
            case Guid id:
                json.WriteString(name, id);
                break;
            case double number when double.IsFinite(number) && number == Math.Floor(number) && Math.Abs(number) < 1e15:
                // OData writes a whole double with a decimal point ("1.0"); System.Text.Json writes "1".
                json.WritePropertyName(name);
                json.WriteRawValue(number.ToString("F1", CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            case double number when double.IsFinite(number):
                json.WriteNumber(name, number);
                break;
            case double number:
                // The OData JSON format writes the special values as strings.
                json.WriteString(name, double.IsNaN(number) ? "NaN" : number > 0 ? "INF" : "-INF");
                break;
            case IEnumerable<string> texts:
                json.WriteStartArray(name);
                foreach (var text in texts)
                {
                    json.WriteStringValue(text);
                }

                json.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"No JSON form for a {value.GetType().Name} property.");
        }
    }
}
