using DiagnosticTests.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiagnosticTests.Api.Data.Configurations;

internal sealed class DiagnosticTestConfiguration : IEntityTypeConfiguration<DiagnosticTest>
{
    public void Configure(EntityTypeBuilder<DiagnosticTest> builder)
    {
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasIndex(t => t.Category);
        builder.Property(t => t.Price).HasPrecision(12, 2);
        builder.Property(t => t.ApplicableSex).HasDefaultValue(Sex.Any);

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
