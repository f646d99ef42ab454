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
                name: "IX_Comments_SourceId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_UserId",
                table: "Comments");

            migrationBuilder.AddColumn<long>(
                name: "EmailFingerprint",
                table: "Comments",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WriterFingerprint",
                table: "Comments",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Comments_EmailFingerprint_CreatedAt",
                table: "Comments",
                columns: new[] { "EmailFingerprint", "CreatedAt" },
                filter: "\"EmailFingerprint\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_GuestKeyHash_Status",
                table: "Comments",
                columns: new[] { "GuestKeyHash", "Status" },
                filter: "\"GuestKeyHash\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_SourceId",
                table: "Comments",
                column: "SourceId",
                filter: "\"SourceId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_UserId_Status",
                table: "Comments",
                columns: new[] { "UserId", "Status" },
                filter: "\"UserId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_WriterFingerprint_CreatedAt",
                table: "Comments",
                columns: new[] { "WriterFingerprint", "CreatedAt" },
                filter: "\"WriterFingerprint\" IS NOT NULL");

            // The same as for the account and the guest cookie, for the e-mail a guest typed, looked up case-blind: EF Core
            // cannot model an index on an expression, so it is made here, in SQL both databases understand. The queries say
            // "AuthorEmail" IS NOT NULL, which is what lets SQLite take an index made only of the comments that have one.
            migrationBuilder.Sql("""DROP INDEX "IX_Comments_AuthorEmailLower";""");
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Comments_AuthorEmailLower_Status" ON "Comments" (lower("AuthorEmail"), "Status")
                WHERE "AuthorEmail" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Comments_AuthorEmailLower_Status";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Comments_AuthorEmailLower" ON "Comments" (lower("AuthorEmail"));""");

            migrationBuilder.DropIndex(
                name: "IX_Comments_EmailFingerprint_CreatedAt",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_GuestKeyHash_Status",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_SourceId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_UserId_Status",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_WriterFingerprint_CreatedAt",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "EmailFingerprint",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "WriterFingerprint",
                table: "Comments");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_GuestKeyHash",
                table: "Comments",
                column: "GuestKeyHash");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_SourceId",
                table: "Comments",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_UserId",
                table: "Comments",
                column: "UserId");
        }
    }
}
