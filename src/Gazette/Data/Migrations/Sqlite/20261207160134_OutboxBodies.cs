using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    HtmlBody = table.Column<string>(type: "TEXT", nullable: false),
                    TextBody = table.Column<string>(type: "TEXT", nullable: false)
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

            migrationBuilder.AlterColumn<long>(
                name: "Id",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER")
                .OldAnnotation("Sqlite:Autoincrement", true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutboxBodies");

            migrationBuilder.AlterColumn<long>(
                name: "Id",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER")
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.AddColumn<string>(
                name: "HtmlBody",
                table: "OutboxMessages",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TextBody",
                table: "OutboxMessages",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }
    }
}
