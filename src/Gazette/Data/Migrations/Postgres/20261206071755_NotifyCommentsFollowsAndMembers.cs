using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Gazette.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NotifyCommentsFollowsAndMembers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "NotifiedAt",
                table: "Comments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NotifyReplies",
                table: "Comments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Every comment already there counts as told: an upgrade mails nobody about old news.
            migrationBuilder.Sql(@"UPDATE ""Comments"" SET ""NotifiedAt"" = ""CreatedAt""");

            migrationBuilder.CreateTable(
                name: "NotifyAddresses",
                columns: table => new
                {
                    Address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConfirmationSentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotifyAddresses", x => x.Address);
                });

            migrationBuilder.CreateTable(
                name: "NotifyCursors",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotifyCursors", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "NotifyFollows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: true),
                    Address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastCommentId = table.Column<int>(type: "integer", nullable: false),
                    LastMailedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotifyFollows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NotifyFollows_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NotifyMembers",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    FeedToken = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    NewComments = table.Column<bool>(type: "boolean", nullable: false),
                    QueueAlerts = table.Column<bool>(type: "boolean", nullable: false),
                    Appeals = table.Column<bool>(type: "boolean", nullable: false),
                    LastDigestAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DigestCommentId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotifyMembers", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_NotifyMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NotifySent",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Sender = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotifySent", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_NotifyPending",
                table: "Comments",
                columns: new[] { "Status", "Id" },
                filter: "\"NotifiedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_NotifyFollows_Address",
                table: "NotifyFollows",
                column: "Address");

            migrationBuilder.CreateIndex(
                name: "IX_NotifyFollows_ArticleId_Address",
                table: "NotifyFollows",
                columns: new[] { "ArticleId", "Address" },
                unique: true,
                filter: "\"Address\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_NotifyFollows_ArticleId_UserId",
                table: "NotifyFollows",
                columns: new[] { "ArticleId", "UserId" },
                unique: true,
                filter: "\"UserId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_NotifyFollows_UserId",
                table: "NotifyFollows",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_NotifyMembers_FeedToken",
                table: "NotifyMembers",
                column: "FeedToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NotifySent_Address_At",
                table: "NotifySent",
                columns: new[] { "Address", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_NotifySent_At",
                table: "NotifySent",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_NotifySent_Sender_At",
                table: "NotifySent",
                columns: new[] { "Sender", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NotifyAddresses");

            migrationBuilder.DropTable(
                name: "NotifyCursors");

            migrationBuilder.DropTable(
                name: "NotifyFollows");

            migrationBuilder.DropTable(
                name: "NotifyMembers");

            migrationBuilder.DropTable(
                name: "NotifySent");

            migrationBuilder.DropIndex(
                name: "IX_Comments_NotifyPending",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "NotifiedAt",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "NotifyReplies",
                table: "Comments");
        }
    }
}
