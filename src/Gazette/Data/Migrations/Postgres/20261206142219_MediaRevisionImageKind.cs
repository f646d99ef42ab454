using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MediaRevisionImageKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ImageKind",
                table: "ArticleRevisions",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ImageKind",
                table: "ArticleRevisions");
        }
    }
}
