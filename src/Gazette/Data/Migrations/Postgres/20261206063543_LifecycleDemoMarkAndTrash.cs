using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LifecycleDemoMarkAndTrash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsDemo",
                table: "Articles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "TrashedFrom",
                table: "Articles",
                type: "integer",
                nullable: true);

            // A database the demo was loaded into before the mark: its articles are the ones with the demo's images.
            migrationBuilder.Sql("""UPDATE "Articles" SET "IsDemo" = TRUE WHERE "Image_Path" LIKE 'demo/%'""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsDemo",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "TrashedFrom",
                table: "Articles");
        }
    }
}
