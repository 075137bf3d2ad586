using DiagnosticTests.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DiagnosticTests.Api.Data;

public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureCaseInsensitiveText(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DiagnosticTest>().Property(t => t.Name).UseCollation("NOCASE");
        modelBuilder.Entity<Tag>().Property(t => t.Name).UseCollation("NOCASE");
        modelBuilder.Entity<User>().Property(u => u.Email).UseCollation("NOCASE");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no native DateTimeOffset or decimal: store sortable numbers so $orderby and $filter translate.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
    }
}
