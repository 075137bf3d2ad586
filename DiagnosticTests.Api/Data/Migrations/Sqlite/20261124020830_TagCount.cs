using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DiagnosticTests.Api.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql("""
                UPDATE "DiagnosticTests" SET "TagCount" =
                    (SELECT count(*) FROM "DiagnosticTestTags" l WHERE l."DiagnosticTestId" = "DiagnosticTests"."Id");
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DiagnosticTestTags_count_added" AFTER INSERT ON "DiagnosticTestTags" BEGIN
                    UPDATE "DiagnosticTests" SET "TagCount" = "TagCount" + 1 WHERE "Id" = NEW."DiagnosticTestId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DiagnosticTestTags_count_removed" AFTER DELETE ON "DiagnosticTestTags" BEGIN
                    UPDATE "DiagnosticTests" SET "TagCount" = "TagCount" - 1 WHERE "Id" = OLD."DiagnosticTestId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DiagnosticTestTags_count_moved" AFTER UPDATE OF "DiagnosticTestId" ON "DiagnosticTestTags" BEGIN
                    UPDATE "DiagnosticTests" SET "TagCount" = "TagCount" - 1 WHERE "Id" = OLD."DiagnosticTestId";
                    UPDATE "DiagnosticTests" SET "TagCount" = "TagCount" + 1 WHERE "Id" = NEW."DiagnosticTestId";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "DiagnosticTestTags_count_added";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "DiagnosticTestTags_count_removed";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "DiagnosticTestTags_count_moved";""");
            migrationBuilder.DropColumn(
                name: "TagCount",
                table: "DiagnosticTests");
        }
    }
}
