using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Discovery;

/// <summary>
/// The public pages the HTML checker and the accessibility checks read, found in the demo site (its longest
/// discussion, with that article's category, tag and author): real content, featured images and deep threads.
/// Sites that check them set a small <see cref="CommentBudget"/>, so that the discussion's pages carry "more replies" links.
/// </summary>
public static class PublicPages
{
    /// <summary>Below what the longest discussion's first page holds (176 comments), so that its threads are cut.</summary>
    public const string CommentBudget = "60";

    public static async Task<IReadOnlyList<(string Name, string Url)>> FindAsync(GazetteDb db)
    {
        var article = await db.Articles.AsNoTracking()
            .OrderByDescending(a => a.CommentCount)
            .Select(a => new { a.Slug, a.PublishedAt, Category = a.Category!.Slug, Tag = a.Tags.OrderBy(t => t.Slug).Select(t => t.Slug).First(), Author = a.Author.Slug })
            .FirstAsync(TestContext.Current.CancellationToken);
        var busiest = await db.Comments.AsNoTracking().Where(c => c.ParentId != null)
            .GroupBy(c => c.ParentId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(TestContext.Current.CancellationToken);
        return
        [
            ("home", "/"),
            ("article with a long discussion", $"/articles/{article.Slug}"),
            ("second page of the discussion", $"/articles/{article.Slug}?page=2"),
            ("editors' picks of the discussion", $"/articles/{article.Slug}?sort=picks"),
            ("more replies to a comment", $"/comments/{busiest}/thread?from=1"),
            ("category archive", $"/category/{article.Category}"),
            ("tag archive", $"/tag/{article.Tag}"),
            ("author archive", $"/author/{article.Author}"),
            ("comment form", $"/articles/{article.Slug}/comment"),
            ("search results", "/search?q=phone"),
            ("search without results", "/search?q=zzyzx"),
            ("archive of months", "/archive"),
            ("month archive", $"/archive/{article.PublishedAt.Year}/{article.PublishedAt.Month}"),
            ("sign-in", "/account/sign-in"),
            ("sign-up", "/account/sign-up"),
            ("not found", "/articles/no-such-story"),
        ];
    }
}
