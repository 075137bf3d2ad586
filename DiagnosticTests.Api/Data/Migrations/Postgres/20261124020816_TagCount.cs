using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DiagnosticTests.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TagCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TagCount",
                table: "DiagnosticTests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql("""
                UPDATE "DiagnosticTests" d SET "TagCount" = c.n
                FROM (SELECT "DiagnosticTestId" AS id, count(*) AS n FROM "DiagnosticTestTags" GROUP BY 1) c
                WHERE d."Id" = c.id;
                """);
            // Statement-level with transition tables: a bulk load or a cascade updates each test once per statement.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION diagnostictests_count_tags() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'TRUNCATE' THEN
                        UPDATE "DiagnosticTests" SET "TagCount" = 0 WHERE "TagCount" <> 0;
                        RETURN NULL;
                    END IF;
                    IF TG_OP IN ('DELETE', 'UPDATE') THEN
                        UPDATE "DiagnosticTests" d SET "TagCount" = d."TagCount" - c.n
                        FROM (SELECT "DiagnosticTestId" AS id, count(*) AS n FROM removed GROUP BY 1) c
                        WHERE d."Id" = c.id;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        UPDATE "DiagnosticTests" d SET "TagCount" = d."TagCount" + c.n
                        FROM (SELECT "DiagnosticTestId" AS id, count(*) AS n FROM added GROUP BY 1) c
                        WHERE d."Id" = c.id;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER "DiagnosticTestTags_count_added" AFTER INSERT ON "DiagnosticTestTags"
                REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION diagnostictests_count_tags();
                CREATE TRIGGER "DiagnosticTestTags_count_removed" AFTER DELETE ON "DiagnosticTestTags"
                REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION diagnostictests_count_tags();
                CREATE TRIGGER "DiagnosticTestTags_count_moved" AFTER UPDATE ON "DiagnosticTestTags"
                REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION diagnostictests_count_tags();
                CREATE TRIGGER "DiagnosticTestTags_count_truncated" AFTER TRUNCATE ON "DiagnosticTestTags"
                FOR EACH STATEMENT EXECUTE FUNCTION diagnostictests_count_tags();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "DiagnosticTestTags_count_added" ON "DiagnosticTestTags";
                DROP TRIGGER IF EXISTS "DiagnosticTestTags_count_removed" ON "DiagnosticTestTags";
                DROP TRIGGER IF EXISTS "DiagnosticTestTags_count_moved" ON "DiagnosticTestTags";
                DROP TRIGGER IF EXISTS "DiagnosticTestTags_count_truncated" ON "DiagnosticTestTags";
                DROP FUNCTION IF EXISTS diagnostictests_count_tags();
                """);
            migrationBuilder.DropColumn(
                name: "TagCount",
                table: "DiagnosticTests");
        }
    }
}
