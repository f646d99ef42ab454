using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IdentityNameSkeletons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameSkeleton",
                table: "Authors",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AvatarPath",
                table: "AspNetUsers",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisplayNameSkeleton",
                table: "AspNetUsers",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Authors_NameSkeleton",
                table: "Authors",
                column: "NameSkeleton");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_DisplayNameSkeleton",
                table: "AspNetUsers",
                column: "DisplayNameSkeleton");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Authors_NameSkeleton",
                table: "Authors");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_DisplayNameSkeleton",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "NameSkeleton",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "AvatarPath",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "DisplayNameSkeleton",
                table: "AspNetUsers");
        }
    }
}
