using DiagnosticTests.Domain;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;
using Microsoft.OData.ModelBuilder;

namespace DiagnosticTests.Api.OData;

/// <summary>The whole OData surface in one list. Strings instead of EDM enums: Power Query handles enums poorly.</summary>
public static class EdmModelBuilder
{
    public const string Namespace = "DiagnosticTests";

    /// <param name="limits">The query limits in force, so the capabilities annotations state them; the defaults when omitted.</param>
    public static IEdmModel Build(QueryLimits? limits = null)
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "Container" };

        var tests = builder.EntitySet<DiagnosticTest>("DiagnosticTests");
        // As stored (numeric(12,2)), rather than the default variable scale.
        var price = tests.EntityType.Property(t => t.Price);
        price.Precision = 12;
        price.Scale = 2;
        var tags = builder.EntitySet<Tag>("Tags");
        var users = builder.EntitySet<User>("Users");
        users.EntityType.Ignore(u => u.PasswordHash);
        builder.Singleton<User>("Me");
        var links = builder.EntitySet<DiagnosticTestTag>("DiagnosticTestTags");
        links.EntityType
            .HasKey(l => l.DiagnosticTestId)
            .HasKey(l => l.TagId);

        var recommend = tests.EntityType.Collection.Function("Recommend");
        recommend.CollectionParameter<string>("tags");
        recommend.Parameter<string>("sex").Optional();
        recommend.Parameter<int?>("age").Optional();
        recommend.ReturnsCollection<Recommendation>();

        foreach (var type in builder.StructuralTypes)
        {
            type.Namespace = Namespace;
        }

        DescribeCapabilities(tests, tags, users, links, limits ?? new QueryLimits());
        var model = builder.GetEdmModel();
        DescribeContainerCapabilities((EdmModel)model);
        return model;
    }

    /// <summary>
    /// Capabilities annotations (Org.OData.Capabilities.V1) for clients that read them, such as Power Query and
    /// OpenAPI converters. They must say what the controllers do: every query option on the three main sets,
    /// writes on Users for Admins only, and DiagnosticTestTags read-only.
    /// </summary>
    private static void DescribeCapabilities(
        EntitySetConfiguration<DiagnosticTest> tests,
        EntitySetConfiguration<Tag> tags,
        EntitySetConfiguration<User> users,
        EntitySetConfiguration<DiagnosticTestTag> links,
        QueryLimits limits)
    {
        DescribeQueryable(tests, limits);
        DescribeQueryable(tags, limits);
        DescribeQueryable(users, limits);

        const string adminsOnly = "Admins only.";
        users.HasReadRestrictions().IsReadable(true).HasDescription(adminsOnly);
        users.HasInsertRestrictions().IsInsertable(true).HasDescription(adminsOnly);
        users.HasUpdateRestrictions().IsUpdatable(true).HasDescription(adminsOnly);
        users.HasDeleteRestrictions().IsDeletable(true).HasDescription(adminsOnly);

        // Links are edited through DiagnosticTests(id)/Tags/$ref; the flat set answers 405 to writes.
        links.HasInsertRestrictions().IsInsertable(false);
        links.HasUpdateRestrictions().IsUpdatable(false);
        links.HasDeleteRestrictions().IsDeletable(false);
        // $search looks in text properties, and a link has none: it would never match.
        links.HasSearchRestrictions().IsSearchable(false);
    }

    private static void DescribeQueryable<T>(EntitySetConfiguration<T> set, QueryLimits limits) where T : class
    {
        set.HasCountRestrictions().IsCountable(true);
        set.HasFilterRestrictions().IsFilterable(true);
        set.HasSortRestrictions().IsSortable(true);
        set.HasExpandRestrictions().IsExpandable(true).HasMaxLevels(limits.MaxExpansionDepth);
        set.HasTopSupported().IsTopSupported(true);
        set.HasSkipSupported().IsSkipSupported(true);
        set.HasSearchRestrictions().IsSearchable(true);
        set.HasSelectSupport().IsSupported(true);
    }

    /// <summary>The model builder has no container-level capabilities: $batch is served, asynchronous requests are not.</summary>
    private static void DescribeContainerCapabilities(EdmModel model)
    {
        foreach (var (term, value) in new[] { ("BatchSupported", true), ("AsynchronousRequestsSupported", false) })
        {
            var definition = CapabilitiesVocabularyModel.Instance.FindTerm($"Org.OData.Capabilities.V1.{term}")
                ?? throw new InvalidOperationException($"The Capabilities vocabulary has no term {term}.");
            var annotation = new EdmVocabularyAnnotation(model.EntityContainer, definition, new EdmBooleanConstant(value));
            annotation.SetSerializationLocation(model, EdmVocabularyAnnotationSerializationLocation.Inline);
            model.SetVocabularyAnnotation(annotation);
        }
    }
}
