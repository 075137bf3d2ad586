using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DiagnosticTests.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RecommendationOrderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticTests_TagCount_Name_Id",
                table: "DiagnosticTests",
                columns: new[] { "TagCount", "Name", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DiagnosticTests_TagCount_Name_Id",
                table: "DiagnosticTests");
        }
    }
}
