using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FirstCommentLookups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Comments_GuestKeyHash",
                table: "Comments",
                column: "GuestKeyHash");

            // The e-mail a guest typed, looked up case-blind (first-comment check, moderators' author pages): EF Core
            // cannot model an index on an expression, so it is made here.
            migrationBuilder.Sql("""CREATE INDEX "IX_Comments_AuthorEmailLower" ON "Comments" (lower("AuthorEmail"));""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Comments_AuthorEmailLower";""");

            migrationBuilder.DropIndex(
                name: "IX_Comments_GuestKeyHash",
                table: "Comments");
        }
    }
}
