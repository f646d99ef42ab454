using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Migrations.Postgres
{
    /// <summary>
    /// Search finds a reader's word in its other forms ("batteries" finds "battery"): a text search configuration
    /// <c>gazette_english</c> (accents folded by unaccent where PostgresSearch could create it, then the English Snowball
    /// stemmer, without stop words so that every word counts, as on SQLite) replaces <c>gazette_search</c> (no stemming),
    /// and the generated SearchVector column is made again with it, which computes it afresh for every article.
    /// </summary>
    public partial class SearchStemming : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE TEXT SEARCH DICTIONARY gazette_english_stem (TEMPLATE = pg_catalog.snowball, Language = english);");
            CreateConfiguration(migrationBuilder, "gazette_english", "gazette_english_stem");
            ReplaceSearchVector(migrationBuilder, "gazette_english");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION gazette_search;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            CreateConfiguration(migrationBuilder, "gazette_search", "simple");
            ReplaceSearchVector(migrationBuilder, "gazette_search");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION gazette_english;");
            migrationBuilder.Sql("DROP TEXT SEARCH DICTIONARY gazette_english_stem;");
        }

        /// <summary>
        /// A configuration that reads words as "simple" does and ends them with this dictionary; words with letters
        /// beyond ASCII go through unaccent first when the database has it.
        /// </summary>
        private static void CreateConfiguration(MigrationBuilder migrationBuilder, string name, string dictionary)
        {
            migrationBuilder.Sql($"""
                DO $$
                DECLARE
                    unaccent_schema name;
                BEGIN
                    CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.simple);
                    ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, hword, hword_part, word WITH {dictionary};
                    SELECT n.nspname INTO unaccent_schema
                        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent';
                    IF unaccent_schema IS NOT NULL THEN
                        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word WITH %I.unaccent, {dictionary}',
                            unaccent_schema);
                    END IF;
                END $$;
                """);
        }

        /// <summary>The generated column and its index dropped and added again over this configuration ('&lt;' read as a space, as in PostgresSearch).</summary>
        private static void ReplaceSearchVector(MigrationBuilder migrationBuilder, string configuration)
        {
            migrationBuilder.Sql("""ALTER TABLE "Articles" DROP COLUMN "SearchVector";""");
            migrationBuilder.Sql($"""
                ALTER TABLE "Articles" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('{configuration}', translate(coalesce("Title", ''), '<', ' ')), 'A') ||
                    setweight(to_tsvector('{configuration}', translate(coalesce("Excerpt", ''), '<', ' ')), 'B') ||
                    setweight(to_tsvector('{configuration}', translate(coalesce("BodyText", ''), '<', ' ')), 'C')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Articles_SearchVector" ON "Articles" USING GIN ("SearchVector");""");
        }
    }
}
