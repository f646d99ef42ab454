using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ThreadsReplyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_ParentId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_RootId",
                table: "Comments");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ParentId_CreatedAt_Id_Status",
                table: "Comments",
                columns: new[] { "ParentId", "CreatedAt", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_RootId_Depth",
                table: "Comments",
                columns: new[] { "RootId", "Depth" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_ParentId_CreatedAt_Id_Status",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_RootId_Depth",
                table: "Comments");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ParentId",
                table: "Comments",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_RootId",
                table: "Comments",
                column: "RootId");
        }
    }
}
