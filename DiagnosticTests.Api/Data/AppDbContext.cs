using DiagnosticTests.Domain;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Data;

/// <summary>
/// The model shared by both providers. Each provider has a sealed subclass so that it keeps its own
/// migrations (column types and collations differ) while controllers depend only on this type.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<DiagnosticTest> DiagnosticTests => Set<DiagnosticTest>();

    public DbSet<Tag> Tags => Set<Tag>();

    public DbSet<DiagnosticTestTag> DiagnosticTestTags => Set<DiagnosticTestTag>();

    public DbSet<User> Users => Set<User>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    /// <summary>The column type that compares case-insensitively on this provider.</summary>
    protected abstract void ConfigureCaseInsensitiveText(ModelBuilder modelBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        ConfigureCaseInsensitiveText(modelBuilder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTimes();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTimes();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Timestamps are server-set: whatever a client sent is overwritten here.
    private void StampTimes()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var entry in ChangeTracker.Entries<DiagnosticTest>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.CreatedAt = now;
                entry.Entity.UpdatedAt = now;
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Property(t => t.CreatedAt).IsModified = false;
                entry.Entity.UpdatedAt = now;
            }
        }

        foreach (var entry in ChangeTracker.Entries<User>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.CreatedAt = now;
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Property(u => u.CreatedAt).IsModified = false;
            }
        }
    }
}
