using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImportSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_SourceId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SourceId",
                table: "Articles");

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "Comments",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "Articles",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OldAddresses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Path = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OldAddresses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OldAddresses_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_Source_SourceId",
                table: "Comments",
                columns: new[] { "Source", "SourceId" },
                unique: true,
                filter: "\"SourceId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Source_SourceId",
                table: "Articles",
                columns: new[] { "Source", "SourceId" },
                unique: true,
                filter: "\"SourceId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OldAddresses_ArticleId",
                table: "OldAddresses",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_OldAddresses_Path",
                table: "OldAddresses",
                column: "Path",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OldAddresses");

            migrationBuilder.DropIndex(
                name: "IX_Comments_Source_SourceId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Source_SourceId",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_SourceId",
                table: "Comments",
                column: "SourceId",
                filter: "\"SourceId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SourceId",
                table: "Articles",
                column: "SourceId");
        }
    }
}
