using DiagnosticTests.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiagnosticTests.Api.Data.Configurations;

internal sealed class DiagnosticTestConfiguration : IEntityTypeConfiguration<DiagnosticTest>
{
    /// <summary>
    /// How many tags the test has: recommendations rank by it (fewer is more specific). The database keeps
    /// it, through triggers on the link table, so ranking reads a column instead of counting every
    /// candidate's links; the application never writes it, and it is not part of the API.
    /// </summary>
    public const string TagCount = "TagCount";

    public void Configure(EntityTypeBuilder<DiagnosticTest> builder)
    {
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasIndex(t => t.Category);
        builder.Property(t => t.Price).HasPrecision(12, 2);
        builder.Property(t => t.ApplicableSex).HasDefaultValue(Sex.Any);
        var tagCount = builder.Property<int>(TagCount).HasDefaultValue(0).Metadata;
        tagCount.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        tagCount.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        // The order of recommendations among equal scores: the tests matching one tag are read by walking it.
        builder.HasIndex(TagCount, nameof(DiagnosticTest.Name), nameof(DiagnosticTest.Id));

        // The explicit join entity doubles as the read-only DiagnosticTestTags entity set.
        builder.HasMany(t => t.Tags)
            .WithMany(t => t.DiagnosticTests)
            .UsingEntity<DiagnosticTestTag>(
                link => link.HasOne<Tag>().WithMany().HasForeignKey(l => l.TagId).OnDelete(DeleteBehavior.Cascade),
                link => link.HasOne<DiagnosticTest>().WithMany().HasForeignKey(l => l.DiagnosticTestId).OnDelete(DeleteBehavior.Cascade),
                link =>
                {
                    link.ToTable("DiagnosticTestTags");
                    link.HasKey(l => new { l.DiagnosticTestId, l.TagId });
                    // The primary key serves test → tags; this index serves tag → tests (the tag search).
                    link.HasIndex(l => new { l.TagId, l.DiagnosticTestId });
                });
    }
}
