using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxBodies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OutboxBodies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    HtmlBody = table.Column<string>(type: "text", nullable: false),
                    TextBody = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxBodies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxBodies_OutboxMessages_Id",
                        column: x => x.Id,
                        principalTable: "OutboxMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The bodies of the mails already queued or sent move to the new table before their columns go.
            migrationBuilder.Sql("""
                INSERT INTO "OutboxBodies" ("Id", "HtmlBody", "TextBody") SELECT "Id", "HtmlBody", "TextBody" FROM "OutboxMessages";
                """);

            migrationBuilder.DropColumn(
                name: "HtmlBody",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "TextBody",
                table: "OutboxMessages");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutboxBodies");

            migrationBuilder.AddColumn<string>(
                name: "HtmlBody",
                table: "OutboxMessages",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TextBody",
                table: "OutboxMessages",
                type: "text",
                nullable: false,
                defaultValue: "");
        }
    }
}
