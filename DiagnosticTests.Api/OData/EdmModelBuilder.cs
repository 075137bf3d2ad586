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

        builder.EntitySet<DiagnosticTest>("DiagnosticTests");
        builder.EntitySet<Tag>("Tags");
        builder.EntitySet<User>("Users").EntityType.Ignore(u => u.PasswordHash);
        builder.Singleton<User>("Me");
        builder.EntitySet<DiagnosticTestTag>("DiagnosticTestTags").EntityType
            .HasKey(l => l.DiagnosticTestId)
            .HasKey(l => l.TagId);

        foreach (var type in builder.StructuralTypes)
        {
            type.Namespace = Namespace;
        }

        return builder.GetEdmModel();
    }
}
