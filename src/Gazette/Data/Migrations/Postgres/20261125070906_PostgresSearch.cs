using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Migrations.Postgres
{
    /// <summary>
    /// Full-text search of articles (Search/PostgresArticleSearch): a text search configuration like SQLite's FTS5
    /// tokenizer (no stemming, no stop words; accents folded by unaccent where the server allows the extension),
    /// and a generated, GIN-indexed tsvector of the title (weight A), excerpt (B) and plain body (C). The column is
    /// not in the EF model: nothing but search reads it, and PostgreSQL keeps it up to date.
    /// </summary>
    public partial class PostgresSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // unaccent is a trusted extension: a database owner may create it. Without it search still works, minding accents.
            migrationBuilder.Sql("""
                DO $$
                DECLARE
                    unaccent_schema name;
                BEGIN
                    BEGIN
                        CREATE EXTENSION IF NOT EXISTS unaccent;
                    EXCEPTION WHEN OTHERS THEN
                        RAISE WARNING 'Gazette: the unaccent extension is not available (%), so search will mind accents.', SQLERRM;
                    END;
                    CREATE TEXT SEARCH CONFIGURATION gazette_search (COPY = pg_catalog.simple);
                    SELECT n.nspname INTO unaccent_schema
                        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent';
                    IF unaccent_schema IS NOT NULL THEN
                        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION gazette_search ALTER MAPPING FOR hword, hword_part, word WITH %I.unaccent, simple',
                            unaccent_schema);
                    END IF;
                END $$;
                """);
            // '<' is read as a space: PostgreSQL's parser would take "<script>" in an article's text for a tag and skip it.
            migrationBuilder.Sql("""
                ALTER TABLE "Articles" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('gazette_search', translate(coalesce("Title", ''), '<', ' ')), 'A') ||
                    setweight(to_tsvector('gazette_search', translate(coalesce("Excerpt", ''), '<', ' ')), 'B') ||
                    setweight(to_tsvector('gazette_search', translate(coalesce("BodyText", ''), '<', ' ')), 'C')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Articles_SearchVector" ON "Articles" USING GIN ("SearchVector");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Articles_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Articles" DROP COLUMN "SearchVector";""");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION gazette_search;");
        }
    }
}
