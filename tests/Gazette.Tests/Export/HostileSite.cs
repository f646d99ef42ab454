using Gazette.Articles;
using Gazette.Comments;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Export;

/// <summary>
/// A site full of hostile text: every line of the Big List of Naughty Strings as an article's title, excerpt and body,
/// and as a comment's author and body, in every status, nested; plus the characters XML and JSON cannot carry as they
/// are (controls, U+FFFE, carriage returns, "]]>"), and on SQLite, which stores any string, NUL and lone surrogates
/// (PostgreSQL refuses both, as the site's forms do).
/// </summary>
public sealed class HostileSite : EmptyGazetteFactory
{
    public static IReadOnlyList<string> Strings { get; } = BuildStrings();

    private static List<string> BuildStrings()
    {
        var strings = SharedCorpora.NaughtyStrings().ToList();
        strings.AddRange([
            "controls \u0001\u0007\u001B\u007F\u0085 in the middle", "non-characters \uFFFE\uFFFF at the end", "carriage\r\nreturns\rand\nnewlines\r",
            "]]> ends a CDATA section, </wp:comment> ends a comment", "<![CDATA[ opens one ]]>", "emoji 👩‍👩‍👧 and 𝕏 outside the BMP", "\t tab and spaces \t",
            "", " ",
        ]);
        if (!TestDatabase.IsPostgres)
        {
            strings.AddRange(["NUL \0 in the middle", "a lone high surrogate \uD800 here", "a lone low surrogate \uDC00 here", "reversed pair \uDC00\uD800"]);
        }
        return strings;
    }

    /// <summary>The strings in articles of 60 and comments, every status of each in turn. Returns how many comments.</summary>
    public Task<int> SeedAsync() => SeedAsync(this);

    /// <inheritdoc cref="SeedAsync()"/>
    public static async Task<int> SeedAsync(GazetteFactory site)
    {
        var strings = Strings;
        var start = Now.UtcDateTime.AddDays(-30).AddMilliseconds(123);
        var count = 0;
        await site.WithDbAsync(async db =>
        {
            var author = new Author { Slug = "hostile-writer", Name = strings[1], Bio = strings[2] };
            var category = new Category { Slug = "hostile", Name = strings[3], Description = strings[4] };
            var tags = Enumerable.Range(0, 5).Select(i => new Tag { Slug = $"tag-{i}", Name = strings[10 + i] }).ToList();
            db.AddRange(author, category);
            db.AddRange(tags);
            var articles = strings.Chunk(60).Select((chunk, i) => new Article
            {
                Slug = $"hostile-{i}",
                Title = Cut(chunk[0], 300) is { Length: > 0 } title ? title : "(empty)",
                Excerpt = chunk[1],
                BodyMarkdown = string.Join("\n\n", chunk),
                BodyHtml = string.Concat(chunk.Select(line => $"<p>{line}</p>")),
                BodyText = string.Join(" ", chunk),
                Author = author,
                Category = i % 2 == 0 ? category : null,
                Tags = tags.Where((_, t) => (i + t) % 3 == 0).ToList(),
                Status = (ArticleStatus)(i % 5),
                CreatedAt = start.AddDays(i),
                PublishedAt = start.AddDays(i).AddHours(1),
                UpdatedAt = start.AddDays(i).AddHours(2),
                CommentsClosed = i % 3 == 1,
                Image = i % 2 == 1 ? new FeaturedImage { Path = $"hostile/image-{i}", Alt = Cut(chunk[2], 500), Width = 1600, Height = 900 } : null,
            }).ToList();
            db.AddRange(articles);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            db.Add(new SlugRedirect { OldSlug = "hostile-was-0", ArticleId = articles[0].Id, CreatedAt = start });

            foreach (var (article, chunk) in articles.Zip(strings.Chunk(60)))
            {
                Comment? previous = null;
                foreach (var (line, i) in chunk.Select((line, i) => (line, i)))
                {
                    var reply = i % 2 == 1 && previous is not null;
                    var comment = new Comment
                    {
                        ArticleId = article.Id,
                        Parent = reply ? previous : null,
                        Root = reply ? previous!.Root ?? previous : null,
                        Depth = reply ? previous!.Depth + 1 : 0,
                        AuthorName = i % 7 == 3 ? null : Cut(line, 200),
                        AuthorEmail = i % 3 == 0 ? $"reader-{i}@example.org" : null,
                        Body = line,
                        BodyHtml = System.Net.WebUtility.HtmlEncode(line),
                        Status = (CommentStatus)(count % 5),
                        CreatedAt = start.AddMinutes(count).AddTicks(count * 12_345),
                    };
                    db.Comments.Add(comment);
                    previous = comment;
                    count++;
                }
            }
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return count;
    }

    /// <summary>At most this many characters, never half of a pair.</summary>
    private static string Cut(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
}
