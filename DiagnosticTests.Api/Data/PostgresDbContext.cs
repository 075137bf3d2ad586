using DiagnosticTests.Domain;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Data;

public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureCaseInsensitiveText(ModelBuilder modelBuilder)
    {
        // citext makes equality, IN and unique indexes case-insensitive without lower() in every query.
        modelBuilder.HasPostgresExtension("citext");
        modelBuilder.Entity<DiagnosticTest>().Property(t => t.Name).HasColumnType("citext");
        modelBuilder.Entity<Tag>().Property(t => t.Name).HasColumnType("citext");
        modelBuilder.Entity<User>().Property(u => u.Email).HasColumnType("citext");
    }
}
