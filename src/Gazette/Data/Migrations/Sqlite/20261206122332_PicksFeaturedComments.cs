using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PicksFeaturedComments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FeaturedAt",
                table: "Comments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeaturedBy",
                table: "Comments",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeaturedNote",
                table: "Comments",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ArticleId_FeaturedAt",
                table: "Comments",
                columns: new[] { "ArticleId", "FeaturedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_ArticleId_FeaturedAt",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "FeaturedAt",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "FeaturedBy",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "FeaturedNote",
                table: "Comments");
        }
    }
}
