using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using DiagnosticTests.Domain;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Writes one component schema per EDM entity and complex type, built from the EDM model rather than the CLR
/// classes: OData serialises the EDM shape, so property names are PascalCase as on the wire, and whatever the
/// model leaves out (User.PasswordHash) cannot leak into the documentation.
/// </summary>
/// <remarks>Descriptions still come from the CLR types' XML comments, via the schemas Swashbuckle generated for them.</remarks>
public sealed class EdmComponentSchemasFilter(IEdmModel model) : IDocumentFilter
{
    // Always set by the server; the EDM does not say so (no Core.Computed annotations), the controllers do.
    private static readonly HashSet<string> ServerSet = ["CreatedAt", "UpdatedAt"];

    // Strings rather than EDM enums on purpose (Power Query handles enums poorly); the allowed values are still the contract.
    private static readonly Dictionary<(string Type, string Property), IReadOnlyList<string>> AllowedValues = new()
    {
        [(nameof(DiagnosticTest), nameof(DiagnosticTest.ApplicableSex))] = Sex.All,
        [(nameof(Tag), nameof(Tag.Category))] = TagCategory.All,
        [(nameof(User), nameof(User.Role))] = Roles.All,
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var types = model.SchemaElements.OfType<IEdmStructuredType>().OfType<IEdmSchemaType>().ToList();
        // First read every CLR schema's XML descriptions, then overwrite: generating one CLR schema generates its neighbours.
        var descriptions = types.ToDictionary(t => t.Name, t => ClrDescriptions(t, context));
        foreach (var type in types)
        {
            context.SchemaRepository.Schemas[type.Name] = Build((IEdmStructuredType)type, descriptions[type.Name], swaggerDoc);
        }
    }

    private OpenApiSchema Build(IEdmStructuredType type, IOpenApiSchema? described, OpenApiDocument document)
    {
        var typeName = ((IEdmSchemaType)type).Name;
        var clr = model.GetAnnotationValue<ClrTypeAnnotation>(type)?.ClrType;
        var defaults = clr?.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(clr) : null;
        var serverKey = type is IEdmEntityType entity && entity.Key().Count() == 1 && entity.Key().Single().Type.IsInt32()
            ? entity.Key().Single().Name
            : null;

        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = described?.Description,
            Properties = new Dictionary<string, IOpenApiSchema>(),
            Required = new HashSet<string>(),
        };
        foreach (var property in type.StructuralProperties())
        {
            var propertySchema = (OpenApiSchema)Property(property.Type, document);
            propertySchema.Description = DescriptionOf(described, property.Name);
            var serverSet = property.Name == serverKey || ServerSet.Contains(property.Name);
            if (serverSet)
            {
                propertySchema.ReadOnly = true;
                propertySchema.Description ??= property.Name == serverKey ? "Assigned by the server." : "Set by the server.";
            }

            if (AllowedValues.TryGetValue((typeName, property.Name), out var allowed))
            {
                propertySchema.Enum = allowed.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
            }

            // Writes are validated against the CLR type's data annotations; a property the server fills with a default
            // when it is left out ("Any", "Other", "Reader", true) is not required even when [Required] forbids null.
            var clrProperty = clr?.GetProperty(property.Name);
            var clrDefault = defaults is null ? null : clrProperty?.GetValue(defaults);
            if (!serverSet && clrDefault is string { Length: > 0 } or bool)
            {
                propertySchema.Default = JsonValue.Create(clrDefault);
            }
            else if (!serverSet && clrProperty?.IsDefined(typeof(RequiredAttribute), inherit: true) == true)
            {
                schema.Required.Add(property.Name);
            }

            schema.Properties[property.Name] = propertySchema;
        }

        foreach (var navigation in type.NavigationProperties())
        {
            var target = ODataPayloadSchemas.Ref(navigation.ToEntityType().Name, document);
            schema.Properties[navigation.Name] = navigation.Type.IsCollection()
                ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = target, Description = $"Included only with $expand={navigation.Name}." }
                : target;
        }

        return schema;
    }

    private static IOpenApiSchema Property(IEdmTypeReference type, OpenApiDocument document)
    {
        if (type.IsCollection())
        {
            return new OpenApiSchema { Type = JsonSchemaType.Array, Items = Property(type.AsCollection().ElementType(), document) };
        }

        if (type.Definition is IEdmStructuredType and IEdmSchemaType named)
        {
            return ODataPayloadSchemas.Ref(named.Name, document);
        }

        var (jsonType, format) = type.AsPrimitive().PrimitiveKind() switch
        {
            EdmPrimitiveTypeKind.Boolean => (JsonSchemaType.Boolean, null),
            EdmPrimitiveTypeKind.Byte or EdmPrimitiveTypeKind.SByte or EdmPrimitiveTypeKind.Int16 or EdmPrimitiveTypeKind.Int32 => (JsonSchemaType.Integer, "int32"),
            EdmPrimitiveTypeKind.Int64 => (JsonSchemaType.Integer, "int64"),
            EdmPrimitiveTypeKind.Single => (JsonSchemaType.Number, "float"),
            EdmPrimitiveTypeKind.Double => (JsonSchemaType.Number, "double"),
            EdmPrimitiveTypeKind.Decimal => (JsonSchemaType.Number, "decimal"),
            EdmPrimitiveTypeKind.DateTimeOffset => (JsonSchemaType.String, "date-time"),
            EdmPrimitiveTypeKind.Date => (JsonSchemaType.String, "date"),
            EdmPrimitiveTypeKind.TimeOfDay => (JsonSchemaType.String, "time"),
            EdmPrimitiveTypeKind.Duration => (JsonSchemaType.String, "duration"),
            EdmPrimitiveTypeKind.Guid => (JsonSchemaType.String, "uuid"),
            EdmPrimitiveTypeKind.Binary => (JsonSchemaType.String, "base64url"),
            _ => (JsonSchemaType.String, (string?)null),
        };
        return new OpenApiSchema
        {
            Type = type.IsNullable ? jsonType | JsonSchemaType.Null : jsonType,
            Format = format,
            MaxLength = type is IEdmStringTypeReference { MaxLength: { } max } ? max : null,
        };
    }

    /// <summary>The schema Swashbuckle generated for the CLR type, which carries its XML comments.</summary>
    private IOpenApiSchema? ClrDescriptions(IEdmSchemaType type, DocumentFilterContext context)
    {
        if (model.GetAnnotationValue<ClrTypeAnnotation>(type)?.ClrType is not { } clr)
        {
            return null;
        }

        var reference = context.SchemaGenerator.GenerateSchema(clr, context.SchemaRepository);
        return reference is OpenApiSchemaReference { Reference.Id: { } id } && context.SchemaRepository.Schemas.TryGetValue(id, out var generated)
            ? generated
            : reference;
    }

    private static string? DescriptionOf(IOpenApiSchema? described, string property) =>
        described?.Properties?.FirstOrDefault(p => string.Equals(p.Key, property, StringComparison.OrdinalIgnoreCase)).Value?.Description;
}
