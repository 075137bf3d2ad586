using DiagnosticTests.Domain;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace DiagnosticTests.Api.OData;

/// <summary>The whole OData surface in one list. Strings instead of EDM enums: Power Query handles enums poorly.</summary>
public static class EdmModelBuilder
{
    public const string Namespace = "DiagnosticTests";

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "Container" };

        var tests = builder.EntitySet<DiagnosticTest>("DiagnosticTests");
        builder.EntitySet<Tag>("Tags");
        builder.EntitySet<User>("Users").EntityType.Ignore(u => u.PasswordHash);
        builder.Singleton<User>("Me");
        builder.EntitySet<DiagnosticTestTag>("DiagnosticTestTags").EntityType
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

        return builder.GetEdmModel();
    }
}
