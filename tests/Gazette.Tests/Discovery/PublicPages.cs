using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Discovery;

/// <summary>
/// The public pages the HTML checker and the accessibility checks read, found in the demo site (its longest
/// discussion, with that article's category, tag and author): real content, featured images and deep threads.
/// </summary>
public static class PublicPages
{
    public static async Task<IReadOnlyList<(string Name, string Url)>> FindAsync(GazetteDb db)
    {
        var article = await db.Articles.AsNoTracking()
            .OrderByDescending(a => a.CommentCount)
            .Select(a => new { a.Slug, a.PublishedAt, Category = a.Category!.Slug, Tag = a.Tags.OrderBy(t => t.Slug).Select(t => t.Slug).First(), Author = a.Author.Slug })
            .FirstAsync(TestContext.Current.CancellationToken);
        return
        [
            ("home", "/"),
            ("article with a long discussion", $"/articles/{article.Slug}"),
            ("second page of the discussion", $"/articles/{article.Slug}?page=2"),
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
