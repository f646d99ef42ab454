using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountsSessionsAndMailChoices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Digest",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "RepliesByMail",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                // Replies by mail are on unless a member turns them off, for the accounts made before too.
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "AccountSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 43, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Ticket = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountSessions_UserId",
                table: "AccountSessions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountSessions");

            migrationBuilder.DropColumn(
                name: "Digest",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "RepliesByMail",
                table: "AspNetUsers");
        }
    }
}
