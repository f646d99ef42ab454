using System.Net;
using Gazette.Comments;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Moderation.Queue;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Comments;

/// <summary>
/// Issue 15, better threads, over HTTP: editors' picks (featured by staff, marked, listed in their own view, logged) and
/// readers' picks, mentions, block quotes, formatting help, the comment feed advertised and "N comments" on lists.
/// </summary>
public sealed class PicksTests(QueueSite site) : IClassFixture<QueueSite>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task StaffFeatureACommentWithANoteThatReadersSeeMarkedAndListedInEditorsPicks()
    {
        var (article, slug) = await site.ArticleAsync("Featured story");
        var plain = await site.CommentAsync(article, "An ordinary comment.", CommentStatus.Approved, author: "Plain");
        var good = await site.CommentAsync(article, "A comment worth reading.", CommentStatus.Approved, author: "Thoughtful");
        Assert.Empty((await site.GetPageAsync($"/articles/{slug}")).QuerySelectorAll(".editors-pick")); // and the page is now cached
        using var moderator = await site.ModeratorAsync();

        var form = await moderator.GetFormAsync($"/admin/moderation/comments/{good}/pick", "form.pick-form");
        using var response = await form.Set("Note", "Clear <b>and</b> fair.").PressAsync("Feature it");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/comments/{good}", response.Headers.Location!.OriginalString);
        var page = await site.GetPageAsync($"/articles/{slug}");
        var card = page.GetElementById($"comment-{good}")!;
        Assert.Contains("comment-featured", card.ClassList);
        Assert.Equal("Editors’ pick", card.QuerySelector(".editors-pick strong")!.TextContent);
        Assert.Equal("Clear <b>and</b> fair.", card.QuerySelector(".editors-pick .pick-note")!.TextContent);
        Assert.Null(page.GetElementById($"comment-{plain}")!.QuerySelector(".editors-pick"));

        var picks = await site.GetPageAsync($"/articles/{slug}?sort=picks");
        Assert.Equal([$"comment-{good}"], picks.QuerySelectorAll("li.comment").Select(li => li.Id));
        Assert.Equal("true", picks.QuerySelectorAll(".comment-sort a").Single(a => a.TextContent == "Editors’ picks").GetAttribute("aria-current"));

        var entry = await site.WithDbAsync(db => db.ModerationLog.Where(e => e.CommentId == good).OrderByDescending(e => e.Id).FirstAsync(Cancel));
        Assert.Equal(("feature", "moderator", "Clear <b>and</b> fair."), (entry.Action, entry.ActorName, entry.Note));
    }

    [Fact]
    public async Task UnfeaturingTakesTheCommentOutOfTheEditorsPicksAndLogsIt()
    {
        var (article, slug) = await site.ArticleAsync("Unfeatured story");
        var comment = await site.CommentAsync(article, "Briefly a pick.", CommentStatus.Approved);
        using var moderator = await site.ModeratorAsync();
        (await (await moderator.GetFormAsync($"/admin/moderation/comments/{comment}/pick", "form.pick-form")).PressAsync("Feature it")).Dispose();
        Assert.Single((await site.GetPageAsync($"/articles/{slug}?sort=picks")).QuerySelectorAll("li.comment"));

        var form = await moderator.GetFormAsync($"/admin/moderation/comments/{comment}/pick", "form.unpick-form");
        using var response = await form.PressAsync("Remove from editors’ picks");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var picks = await site.GetPageAsync($"/articles/{slug}?sort=picks");
        Assert.Empty(picks.QuerySelectorAll("li.comment"));
        Assert.Equal("No editors’ picks yet.", picks.QuerySelector("#comments .empty")!.TextContent);
        Assert.Empty((await site.GetPageAsync($"/articles/{slug}")).QuerySelectorAll(".editors-pick"));
        var actions = await site.WithDbAsync(db => db.ModerationLog.Where(e => e.CommentId == comment).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Cancel));
        Assert.Equal(["feature", "unfeature"], actions);
    }

    [Fact]
    public async Task StaffSeeAFeatureActionInTheThreadAndReadersDoNot()
    {
        var (article, slug) = await site.ArticleAsync("Menu story");
        var comment = await site.CommentAsync(article, "Pick me.", CommentStatus.Approved);
        using var moderator = await site.ModeratorAsync();

        var staffPage = await moderator.GetPageAsync($"/articles/{slug}");
        var readerPage = await site.GetPageAsync($"/articles/{slug}");

        Assert.Equal($"/admin/moderation/comments/{comment}/pick", staffPage.QuerySelector($"#comment-{comment} a.pick")!.GetAttribute("href"));
        Assert.Null(readerPage.QuerySelector("a.pick"));
    }

    [Fact]
    public async Task ReadersCannotFeatureAndAFormWithoutItsTokenIsRefused()
    {
        var (article, _) = await site.ArticleAsync("Refused pick story");
        var comment = await site.CommentAsync(article, "Not a pick.", CommentStatus.Approved);
        using var reader = site.CreateReader();
        using var moderator = await site.ModeratorAsync();

        using var anonymous = await reader.PostAsync($"/admin/moderation/comments/{comment}/pick", new FormUrlEncodedContent([new("Note", "mine")]), Cancel);
        using var forged = await moderator.Http.PostAsync($"/admin/moderation/comments/{comment}/pick", new FormUrlEncodedContent([new("Note", "forged")]), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/sign-in", anonymous.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(await site.WithDbAsync(db => db.Comments.Where(c => c.Id == comment).Select(c => c.FeaturedAt).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task ATooLongNoteIsRefusedWithTheTextKeptAndAHeldCommentCannotBeFeatured()
    {
        var (article, _) = await site.ArticleAsync("Long note story");
        var comment = await site.CommentAsync(article, "Fine comment.", CommentStatus.Approved);
        var held = await site.CommentAsync(article, "Waiting comment.", CommentStatus.Pending);
        using var moderator = await site.ModeratorAsync();
        var note = new string('n', Gazette.Comments.Comment.MaxFeaturedNoteLength + 1);

        var form = await moderator.GetFormAsync($"/admin/moderation/comments/{comment}/pick", "form.pick-form");
        using var tooLong = await form.Set("Note", note).PressAsync("Feature it");
        var heldPage = await moderator.GetPageAsync($"/admin/moderation/comments/{held}/pick");

        var refused = await moderator.ReadPageAsync(tooLong, 400);
        Assert.Contains("at most 500 characters", refused.QuerySelector("form.pick-form .field-error")!.TextContent);
        Assert.Equal(note, refused.QuerySelector("form.pick-form textarea[name=Note]")!.TextContent);
        Assert.Null(heldPage.QuerySelector("form.pick-form"));
        Assert.Contains("Only a published comment", heldPage.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task ReadersPicksIsTheBestScoredView()
    {
        var (article, slug) = await site.ArticleAsync("Readers picks story");
        var low = await site.CommentAsync(article, "Few votes.", CommentStatus.Approved);
        var high = await site.CommentAsync(article, "Many votes.", CommentStatus.Approved);
        await site.WithDbAsync(db => db.Comments.Where(c => c.Id == high)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Upvotes, 20).SetProperty(c => c.Rank, Gazette.Core.Ranking.WilsonScore.LowerBound(20, 0)), Cancel));

        var page = await site.GetPageAsync($"/articles/{slug}?sort=best");

        var link = page.QuerySelectorAll(".comment-sort a").Single(a => a.GetAttribute("aria-current") == "true");
        Assert.Equal("Readers’ picks", link.TextContent);
        Assert.Equal([$"comment-{high}", $"comment-{low}"], page.QuerySelectorAll("li.comment").Select(li => li.Id));
    }

    [Fact]
    public async Task AMentionOfSomeoneInTheDiscussionLinksToTheirLatestCommentThere()
    {
        var (article, slug) = await site.ArticleAsync("Mention story");
        await site.CommentAsync(article, "My first word.", CommentStatus.Approved, author: "Ana Lee");
        var latest = await site.CommentAsync(article, "My second word.", CommentStatus.Approved, author: "Ana Lee");
        var mention = await site.CommentAsync(article, "@Ana Lee is right, @Nobody is not.", CommentStatus.Approved, author: "Bo");

        var page = await site.GetPageAsync($"/articles/{slug}");

        var links = page.QuerySelectorAll($"#comment-{mention} .comment-text a.mention").ToList();
        Assert.Equal("@Ana Lee", Assert.Single(links).TextContent);
        Assert.Equal($"/comments/{latest}", links[0].GetAttribute("href"));
    }

    [Fact]
    public async Task BlockQuotesNestedOrNotArePostedAndShownSafely()
    {
        var (_, slug) = await site.ArticleAsync("Quote story");
        using var browser = new FormClient(site);
        var form = await browser.GetFormAsync($"/articles/{slug}/comment", "form.comment-form");
        Assert.NotNull(form.Element.QuerySelector("details.formatting-help"));

        using var posted = await form.Set("AuthorName", "Quoter")
            .Set("Body", "> outer\n> > inner <script>alert(1)</script>\n> > <img src=x onerror=alert(1)>\n\nMy answer.").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await browser.GetPageAsync($"/articles/{slug}");
        var text = page.QuerySelector("li.comment .comment-text")!;
        Assert.NotNull(text.QuerySelector("blockquote > blockquote"));
        Assert.Contains("<script>alert(1)</script>", text.QuerySelector("blockquote > blockquote")!.TextContent);
        Assert.Empty(text.QuerySelectorAll("script, img, [onerror]"));
        Assert.Equal("My answer.", text.QuerySelector(":scope > p")!.TextContent);
    }

    [Fact]
    public async Task TheArticleAdvertisesItsCommentFeedAndLinksItBesideTheCount()
    {
        var (_, slug) = await site.ArticleAsync("Feed story");

        var page = await site.GetPageAsync($"/articles/{slug}");

        var alternate = page.QuerySelector($"head link[rel=alternate][href='/articles/{slug}/comments/feed']")!;
        Assert.Equal("application/rss+xml", alternate.GetAttribute("type"));
        Assert.Equal("Comments feed (RSS)", page.QuerySelector("#comments .discussion-header a.comments-feed")!.TextContent);
        using var feed = await site.CreateReader().GetAsync($"/articles/{slug}/comments/feed", Cancel);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("application/rss+xml", feed.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task CommentCountsOnArticleListsLinkToTheDiscussion()
    {
        var slug = await site.WithDbAsync(async db =>
        {
            var article = Article("Listed story", QueueSite.At, Author("List Writer"), Category("Listed section"), [Tag("Listed tag")]);
            db.Articles.Add(article);
            await db.SaveChangesAsync(Cancel);
            return article.Slug;
        });

        foreach (var list in new[] { "/", "/category/listed-section", "/tag/listed-tag" })
        {
            var page = await site.GetPageAsync(list);
            var count = page.QuerySelectorAll("a.comment-count").SingleOrDefault(a => a.GetAttribute("href") == $"/articles/{slug}#comments");
            Assert.True(count is not null, $"{list} has no link to the discussion of {slug}.");
        }
    }
}
