using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Vocabularies;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Reads the Org.OData.Capabilities.V1 annotations EdmModelBuilder puts on the model, so the document and
/// $metadata make the same claims (which sets are writable, searchable …) from one source.
/// </summary>
public static class EdmCapabilities
{
    private const string Vocabulary = "Org.OData.Capabilities.V1.";

    /// <summary>A boolean property of a restrictions record, e.g. (InsertRestrictions, Insertable); null when not annotated.</summary>
    public static bool? Get(IEdmModel model, IEdmVocabularyAnnotatable target, string term, string property) =>
        model.FindVocabularyAnnotations<IEdmVocabularyAnnotation>(target, Vocabulary + term)
            .Select(a => a.Value)
            .OfType<IEdmRecordExpression>()
            .Select(record => record.FindProperty(property)?.Value)
            .OfType<IEdmBooleanConstantExpression>()
            .Select(value => (bool?)value.Value)
            .FirstOrDefault();
}
