using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "TrashedFrom",
                table: "Articles",
                type: "INTEGER",
                nullable: true);

            // A database the demo was loaded into before the mark: its articles are the ones with the demo's images.
            migrationBuilder.Sql("""UPDATE "Articles" SET "IsDemo" = 1 WHERE "Image_Path" LIKE 'demo/%'""");
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
