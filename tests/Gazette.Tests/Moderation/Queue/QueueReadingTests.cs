using Gazette.Comments;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Moderation.Queue.QueueSite;

namespace Gazette.Tests.Moderation.Queue;

/// <summary>What the queue shows: tabs, filters, paging, the counts of what waits, and each comment's reasons with the matched words marked.</summary>
public sealed class QueueReadingTests(QueueSite site) : IClassFixture<QueueSite>
{
    [Fact]
    public async Task TabsShowTheirStatusNewestFirstAndPendingByDefault()
    {
        var (article, slug) = await site.ArticleAsync("Tabs story");
        var first = await site.CommentAsync(article, "Held first.");
        var second = await site.CommentAsync(article, "Held second.");
        var spam = await site.CommentAsync(article, "Spam.", CommentStatus.Spam);
        var trashed = await site.CommentAsync(article, "Trash.", CommentStatus.Trashed);
        var published = await site.CommentAsync(article, "Out.", CommentStatus.Approved);
        await site.CommentAsync(article, "Deleted.", CommentStatus.Deleted);
        using var moderator = await site.ModeratorAsync();

        Assert.Equal([second, first], ItemIds((await QueueAsync(moderator, slug)).Page));
        Assert.Equal([spam], ItemIds((await QueueAsync(moderator, slug, "spam")).Page));
        Assert.Equal([trashed], ItemIds((await QueueAsync(moderator, slug, "trashed")).Page));
        Assert.Equal([published], ItemIds((await QueueAsync(moderator, slug, "approved")).Page));
        var pending = (await QueueAsync(moderator, slug)).Page;
        Assert.Equal("page", pending.QuerySelector(".queue-tabs a[data-tab='pending']")!.GetAttribute("aria-current"));
        Assert.Equal("Awaiting moderation", pending.QuerySelector($"#item-{first} .status-badge")!.TextContent);
    }

    [Fact]
    public async Task FiltersNarrowByArticleReasonAndAuthor()
    {
        var (article, slug) = await site.ArticleAsync("Filters story");
        var (other, otherSlug) = await site.ArticleAsync("Other filters story");
        var links = await site.CommentAsync(article, "Links galore", record: Held("links", "3 links; more than 2 are held", 0.5), author: "Linker", email: "linker@example.com");
        var words = await site.CommentAsync(article, "Rude words", record: Held("suspect-words", "A word held for review: rude", 0.4, "rude"), author: "Rudy");
        var member = await site.EnsureUserAsync("member.filter@example.com", "Member Filter");
        var byMember = await site.CommentAsync(article, "From an account", record: Held("first-comment", "A first comment.", 0), author: "Member Filter", userId: member.Id);
        var elsewhere = await site.CommentAsync(other, "Links elsewhere", record: Held("links", "3 links", 0.5), author: "Linker");
        using var moderator = await site.ModeratorAsync();

        Assert.Equal([byMember, words, links], ItemIds((await QueueAsync(moderator, slug)).Page));
        Assert.Equal([links], ItemIds((await QueueAsync(moderator, slug, more: "&reason=links")).Page));
        Assert.Equal([words], ItemIds((await QueueAsync(moderator, slug, more: "&author=rudy")).Page));
        Assert.Equal([links], ItemIds((await QueueAsync(moderator, slug, more: "&author=linker%40example")).Page));
        Assert.Equal([byMember], ItemIds((await QueueAsync(moderator, slug, more: "&author=member.filter%40example.com")).Page));
        Assert.Equal([byMember], ItemIds((await QueueAsync(moderator, slug, more: $"&author={member.Id}")).Page));
        Assert.Equal([elsewhere], ItemIds((await QueueAsync(moderator, otherSlug, more: "&author=Linker&reason=links")).Page));
        var none = (await QueueAsync(moderator, slug, more: "&reason=duplicate")).Page;
        Assert.Empty(ItemIds(none));
        Assert.Contains("Nothing here that matches these filters", none.QuerySelector(".queue-empty")!.TextContent);

        // The filter form reads back what was asked, and the article link of an item narrows to it.
        var filtered = (await QueueAsync(moderator, slug, more: "&reason=links&author=Linker")).Page;
        var form = moderator.Form(filtered, "form.queue-filters");
        Assert.Equal(("filters-story", "links", "Linker"), (form["article"], form["reason"], form["author"]));
        Assert.Equal("/admin/moderation?article=filters-story&reason=links&author=Linker",
            filtered.QuerySelector($"#item-{links} .queue-meta a[href*='article=']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ReasonsScoreAndMatchedWordsAreShownWithTheBodyEscaped()
    {
        var (article, slug) = await site.ArticleAsync("Highlight story");
        var body = "<script>alert('x')</script> You IDIOT, buy <b>pills</b> & more pills at idiot.example";
        var record = new ModerationRecord(
            [new ModerationReason("suspect-words", "Words held for review: idiot, pills.", ["IDIOT", "pills"]),
             new ModerationReason("spam-check", "Looks like an advert.", ["<b>pills</b> & more"])], 0.87);
        var id = await site.CommentAsync(article, body, record: record);
        using var moderator = await site.ModeratorAsync();

        var item = (await QueueAsync(moderator, slug)).Page.QuerySelector($"#item-{id}")!;

        var text = item.QuerySelector(".queue-body")!;
        Assert.Equal(body, text.TextContent);
        Assert.Empty(text.QuerySelectorAll("script, b"));
        Assert.Equal(["IDIOT", "<b>pills</b> & more", "pills", "idiot"], text.QuerySelectorAll("mark").Select(m => m.TextContent).ToArray());
        Assert.Equal("0.87", item.QuerySelector(".queue-score strong")!.TextContent);
        Assert.Equal(["suspect-words", "spam-check"], item.QuerySelectorAll(".queue-reasons li").Select(li => li.GetAttribute("data-rule")!).ToArray());
        Assert.Contains("Words held for review: idiot, pills.", item.QuerySelector(".queue-reasons li")!.TextContent);
    }

    [Fact]
    public async Task CountsOfWhatWaitsAreShownInTheQueueAndTheStaffNavigation()
    {
        await using var fresh = new QueueSite();
        var (article, _) = await fresh.ArticleAsync("Counts story");
        await fresh.CommentAsync(article, "Held one.");
        await fresh.CommentAsync(article, "Held two.");
        var flagged = await fresh.CommentAsync(article, "Flagged.", CommentStatus.Approved);
        var appealed = await fresh.CommentAsync(article, "Appealed.", CommentStatus.Spam);
        await fresh.WithDbAsync(async db =>
        {
            db.CommentFlags.Add(new CommentFlag { CommentId = flagged, ReaderKey = "g:abc", Reason = FlagReason.Abuse, CreatedAt = At });
            db.Appeals.Add(new Appeal { CommentId = appealed, Text = "It was not spam.", CreatedAt = At });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        using var moderator = await fresh.ModeratorAsync();

        var queue = await moderator.GetPageAsync("/admin/moderation");
        var dashboard = await moderator.GetPageAsync("/admin");

        Assert.Equal(("2", "1", "1"), (queue.QuerySelector(".waiting-pending")!.TextContent, queue.QuerySelector(".waiting-flagged")!.TextContent,
            queue.QuerySelector(".waiting-appeals")!.TextContent));
        Assert.Equal("2 awaiting moderation", dashboard.QuerySelector(".staff-nav a[href='/admin/moderation'] .nav-count")!.TextContent);
        Assert.NotNull(dashboard.QuerySelector(".staff-sections a[href='/admin/moderation']"));
        Assert.Equal([flagged], ItemIds(await moderator.GetPageAsync("/admin/moderation?status=flagged")));
        var appeals = await moderator.GetPageAsync("/admin/moderation?status=appealed");
        Assert.Equal([appealed], ItemIds(appeals));
        Assert.Equal("It was not spam.", appeals.QuerySelector($"#item-{appealed} .appeal-text")!.TextContent);
    }

    [Fact]
    public async Task AuthorsWithoutTheModerateRoleSeeNoModerationLink()
    {
        using var author = await site.SignInAsAuthorAsync("queue-author@example.com");

        var dashboard = await author.GetPageAsync("/admin");

        Assert.Null(dashboard.QuerySelector(".staff-nav a[href='/admin/moderation']"));
    }

    [Fact]
    public async Task TheQueueIsPagedAndAPageBeyondTheEndShowsTheLast()
    {
        var (article, slug) = await site.ArticleAsync("Paged story");
        var ids = new List<int>();
        for (var i = 0; i < QueueModel.PageSize + 3; i++)
        {
            ids.Add(await site.CommentAsync(article, $"Held {i}."));
        }
        using var moderator = await site.ModeratorAsync();

        var first = (await QueueAsync(moderator, slug)).Page;
        var second = (await QueueAsync(moderator, slug, more: "&page=2")).Page;
        var beyond = (await QueueAsync(moderator, slug, more: "&page=9")).Page;

        Assert.Equal(QueueModel.PageSize, ItemIds(first).Count);
        Assert.Equal(ids.Take(3).Reverse(), ItemIds(second));
        Assert.Equal(ItemIds(second), ItemIds(beyond));
        Assert.Equal("/admin/moderation?article=paged-story&page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task TheQueueLinksEachAuthorsHistoryAndItListsAllTheirComments()
    {
        var (article, slug) = await site.ArticleAsync("History story");
        var (other, _) = await site.ArticleAsync("Another history story");
        var ip = new string('a', 64);
        var guest = new string('b', 64);
        var held = await site.CommentAsync(article, "Held again.", record: Held("suspect-words", "A word held for review.", 0.2), author: "Repeat", email: "Repeat@Example.com", guestKeyHash: guest, ipHash: ip);
        var earlierSpam = await site.CommentAsync(other, "Earlier spam.", CommentStatus.Spam, author: "Repeat", email: "repeat@example.com", ipHash: ip);
        var published = await site.CommentAsync(other, "Fine one.", CommentStatus.Approved, author: "Repeat", guestKeyHash: guest);
        await site.CommentAsync(other, "Someone else.", CommentStatus.Approved, author: "Else", ipHash: new string('c', 64));
        await site.WithDbAsync(async db =>
        {
            db.CommentFlags.Add(new CommentFlag { CommentId = published, ReaderKey = "g:history", Reason = FlagReason.OffTopic, CreatedAt = At });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        using var moderator = await site.ModeratorAsync();
        var item = (await QueueAsync(moderator, slug)).Page.QuerySelector($"#item-{held}")!;

        var byIp = await moderator.GetPageAsync(item.QuerySelectorAll("a.history").Single(a => a.TextContent == "IP address").GetAttribute("href")!);
        var byEmail = await moderator.GetPageAsync(item.QuerySelectorAll("a.history").Single(a => a.TextContent == "email").GetAttribute("href")!);
        var byGuest = await moderator.GetPageAsync(item.QuerySelectorAll("a.history").Single(a => a.TextContent == "guest cookie").GetAttribute("href")!);

        Assert.Equal([earlierSpam, held], Ids(byIp));
        Assert.Equal([earlierSpam, held], Ids(byEmail));
        Assert.Equal([published, held], Ids(byGuest));
        Assert.Equal("1 published, 1 awaiting moderation", byGuest.QuerySelector(".author-statuses")!.TextContent);
        Assert.Equal("1", byGuest.QuerySelector(".author-flags")!.TextContent);
        Assert.Equal("Spam", byIp.QuerySelector($"#item-{earlierSpam} .status-badge")!.TextContent);
        Assert.StartsWith("/admin/moderation/bans/new?kind=ip&value=", byIp.QuerySelector("a.action-ban")!.GetAttribute("href"));

        static int[] Ids(AngleSharp.Dom.IDocument page) =>
            page.QuerySelectorAll(".author-comments .queue-item").Select(li => int.Parse(li.Id!["item-".Length..])).ToArray();
    }
}
