using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Migrations.Sqlite
{
    /// <summary>
    /// Search finds a reader's word in its other forms ("batteries" finds "battery"): the FTS5 index of articles is made
    /// again with the Porter stemmer over the tokenizer it had (unicode61, diacritics folded), and rebuilt from the
    /// articles. English stemming, the site's only language for now. The triggers that keep it in step (Newsroom) name
    /// the index, not its tokenizer, and stay as they are.
    /// </summary>
    public partial class SearchStemming : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, "porter unicode61 remove_diacritics 2");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, "unicode61 remove_diacritics 2");

        /// <summary>An FTS5 table's tokenizer cannot be changed: the index is dropped, made again and filled from Articles.</summary>
        private static void Rebuild(MigrationBuilder migrationBuilder, string tokenizer)
        {
            migrationBuilder.Sql("DROP TABLE ArticleSearch;");
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE ArticleSearch USING fts5(
                    Title, Excerpt, BodyText,
                    content='Articles', content_rowid='Id',
                    tokenize='{tokenizer}');
                """);
            migrationBuilder.Sql("INSERT INTO ArticleSearch(ArticleSearch) VALUES ('rebuild');");
        }
    }
}
