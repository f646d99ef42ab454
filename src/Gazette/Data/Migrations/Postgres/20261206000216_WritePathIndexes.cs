using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WritePathIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_GuestKeyHash",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_UserId",
                table: "Comments");

            migrationBuilder.AddColumn<long>(
                name: "BodyFingerprint",
                table: "Comments",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Comments_GuestKeyHash_BodyFingerprint_CreatedAt",
                table: "Comments",
                columns: new[] { "GuestKeyHash", "BodyFingerprint", "CreatedAt" },
                filter: "\"GuestKeyHash\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_GuestKeyHash_Status",
                table: "Comments",
                columns: new[] { "GuestKeyHash", "Status" },
                filter: "\"GuestKeyHash\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_UserId_BodyFingerprint_CreatedAt",
                table: "Comments",
                columns: new[] { "UserId", "BodyFingerprint", "CreatedAt" },
                filter: "\"UserId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_UserId_Status",
                table: "Comments",
                columns: new[] { "UserId", "Status" },
                filter: "\"UserId\" IS NOT NULL");

            // The same two for the e-mail a guest typed, looked up case-blind: EF Core cannot model an index on an
            // expression, so they are made here, in SQL both databases understand. The queries say "AuthorEmail" IS NOT
            // NULL, which is what lets SQLite use an index made only of the comments that have one.
            migrationBuilder.Sql("""DROP INDEX "IX_Comments_AuthorEmailLower";""");
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Comments_AuthorEmailLower_Status" ON "Comments" (lower("AuthorEmail"), "Status")
                WHERE "AuthorEmail" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Comments_AuthorEmailLower_BodyFingerprint_CreatedAt" ON "Comments" (lower("AuthorEmail"), "BodyFingerprint", "CreatedAt")
                WHERE "AuthorEmail" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Comments_AuthorEmailLower_BodyFingerprint_CreatedAt";""");
            migrationBuilder.Sql("""DROP INDEX "IX_Comments_AuthorEmailLower_Status";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Comments_AuthorEmailLower" ON "Comments" (lower("AuthorEmail"));""");

            migrationBuilder.DropIndex(
                name: "IX_Comments_GuestKeyHash_BodyFingerprint_CreatedAt",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_GuestKeyHash_Status",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_UserId_BodyFingerprint_CreatedAt",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_UserId_Status",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "BodyFingerprint",
                table: "Comments");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_GuestKeyHash",
                table: "Comments",
                column: "GuestKeyHash");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_UserId",
                table: "Comments",
                column: "UserId");
        }
    }
}
