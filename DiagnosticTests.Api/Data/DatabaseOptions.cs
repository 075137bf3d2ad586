namespace DiagnosticTests.Api.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "DiagnosticTests";
    public const string DefaultConnectionString = "Data Source=diagnostictests.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
