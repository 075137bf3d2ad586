using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DiagnosticTests.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every committed write to these tables notifies listeners (other API replicas) so their caches
            // forget what changed. Statement-level: one notification per statement, sent at commit.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION diagnostictests_notify_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('diagnostictests_changes', TG_TABLE_NAME);
                    RETURN NULL;
                END $$;
                """);
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_notify_change"
                    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"
                    FOR EACH STATEMENT EXECUTE FUNCTION diagnostictests_notify_change();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_notify_change" ON "{table}";""");
            }

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS diagnostictests_notify_change();");
        }

        private static readonly string[] Tables = ["DiagnosticTests", "Tags", "DiagnosticTestTags", "Users", "PersonalAccessTokens"];
    }
}
