using System.Text.RegularExpressions;
using Gazette.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Urls = Gazette.Tests.Browser.BrowserSite.Urls;

namespace Gazette.Tests.Browser;

/// <summary>
/// The discussion in a real browser: discussion.js (reply in place, collapse, votes, keys) and the same actions
/// without JavaScript, the CSS at a phone's width, and no script or policy error along the way.
/// </summary>
[Trait(BrowserSide.Name, BrowserSide.Value)]
public sealed class DiscussionBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task ReplyWithJavaScriptAppearsNestedUnderItsParentWithoutLeavingThePage()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var parent = site.Ids["ScriptParent"];
        await page.GotoAsync(Urls.ReplyWithScript);
        await page.EvaluateAsync("window.stillTheSamePage = true"); // a navigation would lose it
        var address = page.Url;

        await Card(page, parent).Locator("a.reply").ClickAsync();
        var form = page.Locator($"#comment-{parent} > .inline-compose form.comment-form");
        await Expect(form.Locator("textarea[name=Body]")).ToBeFocusedAsync();
        await form.Locator("[name=AuthorName]").FillAsync("Judy");
        await form.Locator("[name=Body]").FillAsync("Replied in place.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();

        var reply = page.Locator($"#comment-{parent} > ol.replies > li.comment").Filter(new() { HasText = "Replied in place." });
        await Expect(reply).ToHaveClassAsync(new Regex(@"\bcomment-new\b"));
        await Expect(reply.Locator(".comment-author")).ToHaveTextAsync("Judy");
        await Expect(reply.Locator(":scope > .comment-card")).ToBeFocusedAsync();
        await Expect(reply).ToBeInViewportAsync();
        await Expect(page.Locator(".inline-compose")).ToHaveCountAsync(0);
        await Expect(page.Locator("#comments-title")).ToHaveTextAsync("2 comments");
        await Expect(page.Locator(".byline a[href='#comments']")).ToHaveTextAsync("2 comments");
        Assert.Equal(address, page.Url);
        Assert.True(await page.EvaluateAsync<bool>("window.stillTheSamePage === true"), "The page was loaded again.");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task CommentInPlaceThatIsRefusedOrCannotBeSentKeepsTheTextAndSaysWhy()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync(Urls.Refusals);
        await page.Locator("#comments a.write-comment").ClickAsync();
        var form = page.Locator("#comments > .inline-compose form.comment-form");
        await Expect(form.Locator("textarea[name=Body]")).ToBeFocusedAsync();
        var post = form.GetByRole(AriaRole.Button, new() { Name = "Post comment" });

        // Refused by the site: its own form again, the message next to the field, what was typed kept.
        await form.Locator("[name=AuthorName]").FillAsync("Mallory");
        await post.ClickAsync();
        await Expect(form.Locator(".field-error:not(:empty)")).ToContainTextAsync("empty");
        await Expect(form.Locator("[name=AuthorName]")).ToHaveValueAsync("Mallory");

        // The site cannot be reached: a message in the form, the text still there to send again.
        await form.Locator("[name=Body]").FillAsync("Sent on the second try.");
        await tab.Context.SetOfflineAsync(true);
        await post.ClickAsync();
        await Expect(form.Locator(".inline-message")).ToContainTextAsync("cannot be reached");
        await Expect(form.Locator("[name=Body]")).ToHaveValueAsync("Sent on the second try.");

        await tab.Context.SetOfflineAsync(false);
        await post.ClickAsync();
        await Expect(page.Locator("li.comment-new .comment-text")).ToHaveTextAsync("Sent on the second try.");
        await Expect(page.Locator("li.comment-new .comment-author")).ToHaveTextAsync("Mallory");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task CommentInPlaceWhoseFormWentStaleOverABrowserRestartIsSentAtTheFirstClick()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync(Urls.Refusals);
        await page.Locator("#comments a.write-comment").ClickAsync();
        var form = page.Locator("#comments > .inline-compose form.comment-form");
        await form.Locator("[name=AuthorName]").FillAsync("Restarted");
        await form.Locator("[name=Body]").FillAsync("Written before the browser was restarted.");
        // A restart drops the cookies that end with the session, the antiforgery cookie among them.
        await tab.Context.ClearCookiesAsync();

        await form.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();

        await Expect(page.Locator("li.comment-new .comment-text")).ToHaveTextAsync("Written before the browser was restarted.");
        await Expect(page.Locator("li.comment-new .comment-author")).ToHaveTextAsync("Restarted");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task ReplyOnAContinuedThreadsPageAppearsThereToo()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var parent = site.Ids["ContinuedDepth5"];
        await page.GotoAsync(Urls.Continued);
        await page.Locator($"#comment-{site.Ids["ContinuedFrom"]} .continue-thread a").ClickAsync();
        await Expect(page).ToHaveURLAsync($"{site.Address}/comments/{site.Ids["ContinuedFrom"]}/thread");
        await page.EvaluateAsync("window.stillTheSamePage = true");

        await Card(page, parent).Locator("a.reply").ClickAsync();
        var form = page.Locator($"#comment-{parent} > .inline-compose form.comment-form");
        await form.Locator("[name=Body]").FillAsync("Deeper still.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();

        var reply = page.Locator($"#comment-{parent} > ol.replies > li.comment-new");
        await Expect(reply.Locator(".comment-text")).ToHaveTextAsync("Deeper still.");
        await Expect(reply.Locator(":scope > .comment-card")).ToBeFocusedAsync();
        Assert.EndsWith($"/comments/{site.Ids["ContinuedFrom"]}/thread", page.Url);
        Assert.True(await page.EvaluateAsync<bool>("window.stillTheSamePage === true"), "The page was loaded again.");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task ReplyWithJavaScriptOffGoesThroughTheFormPageAndLandsOnTheReply()
    {
        await using var tab = await site.NewPageAsync(javaScript: false);
        var page = tab.Page;
        var parent = site.Ids["FormParent"];
        await page.GotoAsync(Urls.ReplyWithoutScript);

        await Card(page, parent).Locator("a.reply").ClickAsync();
        await Expect(page).ToHaveURLAsync($"{site.Address}{Urls.ReplyWithoutScript}/comment?replyTo={parent}");
        await page.Locator("form.comment-form [name=Body]").FillAsync("Replied through the form page.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($@"{Regex.Escape(Urls.ReplyWithoutScript)}#comment-\d+$"));
        var reply = page.Locator($"#comment-{parent} > ol.replies > li{new Uri(page.Url).Fragment}");
        await Expect(reply.Locator(".comment-text")).ToHaveTextAsync("Replied through the form page.");
        Assert.True(await reply.EvaluateAsync<bool>("li => li.matches(':target')"), "The page did not land on the reply.");
    }

    [Fact]
    public async Task CollapsingASubThreadHidesItsRepliesAndSaysHowManyThenExpandingShowsThemAgain()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var thread = $"#comment-{site.Ids["A"]}";
        await page.GotoAsync(Urls.Thread);
        var button = page.Locator($"{thread} > .comment-card button.collapse");
        var replies = page.Locator($"{thread} > ol.replies");
        var note = page.Locator($"{thread} > .collapsed-note");
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(button).ToHaveAttributeAsync("aria-controls", (await replies.GetAttributeAsync("id"))!);
        await Expect(note).ToBeHiddenAsync();

        await button.ClickAsync();

        await Expect(replies).ToBeHiddenAsync();
        await Expect(page.GetByText("A reply to Bob.")).ToBeHiddenAsync();
        await Expect(note).ToBeVisibleAsync();
        await Expect(note).ToHaveTextAsync("3 replies hidden");
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");

        await button.ClickAsync();

        await Expect(replies).ToBeVisibleAsync();
        await Expect(note).ToBeHiddenAsync();
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task VotingChangesTheScoreAndPressesTheArrowAndTheChosenArrowAgainWithdraws()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var card = Card(page, site.Ids["VoteOn"]);
        var (score, up, down) = (card.Locator(".comment-score"), card.Locator("a.vote-up"), card.Locator("a.vote-down"));
        await page.GotoAsync(Urls.Votes);
        await Expect(score).ToHaveTextAsync("0");
        await Expect(up).ToHaveAttributeAsync("aria-pressed", "false");

        await up.ClickAsync();
        await Expect(score).ToHaveTextAsync("1");
        await Expect(up).ToHaveAttributeAsync("aria-pressed", "true");

        await down.ClickAsync();
        await Expect(score).ToHaveTextAsync("-1");
        await Expect(down).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(up).ToHaveAttributeAsync("aria-pressed", "false");

        await down.ClickAsync();
        await Expect(score).ToHaveTextAsync("0");
        await Expect(down).ToHaveAttributeAsync("aria-pressed", "false");

        await up.ClickAsync();
        await Expect(score).ToHaveTextAsync("1");
        await page.ReloadAsync();
        await Expect(score).ToHaveTextAsync("1"); // counted by the site, not only shown
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task OwnCommentOffersNoVoteArrows()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var id = await PostAsync(page, Urls.Votes, "My own opinion.");
        var card = Card(page, id);

        await Expect(card.Locator(".comment-score")).ToHaveTextAsync("0");

        await Expect(card.Locator("a.vote")).ToHaveCountAsync(0);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task EditWithinTheWindowChangesTheTextAndMarksItEdited()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var id = await PostAsync(page, Urls.Edits, "Teh first version.");
        await Expect(Card(page, id).Locator(".comment-edited")).ToHaveCountAsync(0);

        await Card(page, id).Locator("a.edit").ClickAsync();
        await Expect(page).ToHaveURLAsync($"{site.Address}/comments/{id}/edit");
        await page.Locator("form.comment-form [name=Body]").FillAsync("The first version, fixed.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($@"{Regex.Escape(Urls.Edits)}#comment-{id}$"));
        await Expect(Card(page, id).Locator(".comment-text")).ToHaveTextAsync("The first version, fixed.");
        await Expect(Card(page, id).Locator(".comment-edited")).ToHaveTextAsync("edited");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task DeletingACommentWithAReplyLeavesCommentDeletedAndTheReplyStays()
    {
        await using var author = await site.NewPageAsync();
        await using var replier = await site.NewPageAsync(javaScript: false);
        var id = await PostAsync(author.Page, Urls.Deletes, "I will regret this.");
        await replier.Page.GotoAsync($"{Urls.Deletes}/comment?replyTo={id}");
        await replier.Page.Locator("form.comment-form [name=Body]").FillAsync("But my answer stays.");
        await replier.Page.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();
        await Expect(replier.Page).ToHaveURLAsync(new Regex(@"#comment-\d+$"));
        var replyId = CommentId(replier.Page.Url);

        var page = author.Page;
        await page.ReloadAsync();
        await Card(page, id).Locator("a.delete").ClickAsync();
        await Expect(page).ToHaveURLAsync($"{site.Address}/comments/{id}/delete");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($@"{Regex.Escape(Urls.Deletes)}#comments$"));
        var deleted = page.Locator($"#comment-{id}");
        await Expect(deleted).ToHaveClassAsync(new Regex(@"\bcomment-deleted\b"));
        await Expect(deleted.Locator(".comment-placeholder")).ToHaveTextAsync("Comment deleted");
        await Expect(deleted).Not.ToContainTextAsync("I will regret this.");
        await Expect(deleted.Locator($"ol.replies > #comment-{replyId} .comment-text")).ToHaveTextAsync("But my answer stays.");
        Assert.Empty(author.Errors);
    }

    [Fact]
    public async Task ChoosingNewestReordersTheThreadsAndPutsTheSortInTheAddress()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync(Urls.Thread);
        var authors = page.Locator("ol.comment-list > li.comment > .comment-card .comment-author");
        await Expect(authors).ToHaveTextAsync(["Alice", "Erin", "Frank"]);

        await page.Locator(".comment-sort").GetByRole(AriaRole.Link, new() { Name = "Newest" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]sort=newest(&|#|$)"));
        await Expect(authors).ToHaveTextAsync(["Frank", "Erin", "Alice"]);
        await Expect(page.Locator(".comment-sort [aria-current=true]")).ToHaveTextAsync("Newest");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task PermalinkToACommentOnPageThreeLandsOnItInViewAndHighlighted()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var id = site.Ids["OnPageThree"];

        await page.GotoAsync($"/comments/{id}");

        await Expect(page).ToHaveURLAsync($"{site.Address}{Urls.Long}?page=3#comment-{id}");
        var comment = page.Locator($"#comment-{id}");
        await Expect(comment).ToBeInViewportAsync();
        Assert.True(await page.EvaluateAsync<double>("window.scrollY") > 0, "The page did not scroll to the comment.");
        Assert.True(await comment.EvaluateAsync<bool>("li => li.matches(':target')"));
        var highlight = await Card(page, id).EvaluateAsync<string>("card => getComputedStyle(card).backgroundColor");
        var parentBackground = await page.Locator($"#comment-{id}").Locator("xpath=ancestor::li[1]/article")
            .EvaluateAsync<string>("card => getComputedStyle(card).backgroundColor");
        Assert.NotEqual("rgba(0, 0, 0, 0)", highlight);
        Assert.Equal("rgba(0, 0, 0, 0)", parentBackground);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task KeyboardJMovesToTheNextCommentPToTheParentAndCCollapses()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var (a, a1, b) = (site.Ids["A"], site.Ids["A1"], site.Ids["B"]);
        await page.GotoAsync(Urls.Thread);
        var keys = page.Keyboard;

        await keys.PressAsync("j");
        await Expect(Card(page, a)).ToBeFocusedAsync();
        await keys.PressAsync("j");
        await Expect(Card(page, a1)).ToBeFocusedAsync(); // the second comment: Alice's first reply
        await Expect(page.Locator("#comments .comment-card").Nth(1)).ToBeFocusedAsync();

        await keys.PressAsync("p");
        await Expect(Card(page, a)).ToBeFocusedAsync();

        await keys.PressAsync("c");
        await Expect(page.Locator($"#comment-{a} > ol.replies")).ToBeHiddenAsync();
        await Expect(Card(page, a).Locator("button.collapse")).ToHaveAttributeAsync("aria-expanded", "false");
        await keys.PressAsync("j");
        await Expect(Card(page, b)).ToBeFocusedAsync(); // hidden replies are skipped
        await keys.PressAsync("k");
        await Expect(Card(page, a)).ToBeFocusedAsync();

        // r opens the reply form; keys typed in it are text, not shortcuts.
        await keys.PressAsync("r");
        var body = page.Locator($"#comment-{a} > .inline-compose textarea[name=Body]");
        await Expect(body).ToBeFocusedAsync();
        await keys.TypeAsync("jkpc");
        await Expect(body).ToHaveValueAsync("jkpc");
        await Expect(body).ToBeFocusedAsync();
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task OnAPhoneTheDeepestRepliesStayReadableAndNothingIsWiderThanTheScreen()
    {
        await using var tab = await site.NewPageAsync(width: 360, height: 740);
        var page = tab.Page;
        var deepest = site.Ids["Depth4"];
        await page.GotoAsync(Urls.Deep);
        await Expect(page.Locator($"ol.replies ol.replies ol.replies ol.replies > #comment-{deepest}")).ToHaveCountAsync(1);
        await Expect(page.Locator($"#comment-{deepest} > .continue-thread")).ToBeVisibleAsync();
        await Expect(page.Locator("button.collapse").First).ToBeVisibleAsync(); // measured as enhanced by the script

        var text = await Card(page, deepest).Locator(".comment-text").BoundingBoxAsync();
        Assert.True(text!.Width >= 240, $"The deepest comment's text is {text.Width} px wide.");
        await AssertFitsAsync(page);

        await Card(page, deepest).Locator("a.reply").ClickAsync();
        await Expect(page.Locator($"#comment-{deepest} > .inline-compose textarea")).ToBeFocusedAsync();
        await AssertFitsAsync(page);
        Assert.Empty(tab.Errors);

        static async Task AssertFitsAsync(IPage page)
        {
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 360, $"The page is {width} px wide on a 360 px screen.");
        }
    }

    [Fact]
    public async Task MoreRepliesLoadInPlaceUnderTheShownOnesWithFocusOnTheFirstLoaded()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var popular = site.Ids["Popular"];
        await page.GotoAsync(Urls.MoreReplies);
        await page.EvaluateAsync("window.stillTheSamePage = true");
        var replies = page.Locator($"#comment-{popular} > ol.replies > li.comment");
        var more = page.Locator($"#comment-{popular} > .more-replies a");
        await Expect(replies).ToHaveCountAsync(BrowserSite.CommentBudget - 1);
        await Expect(more).ToHaveTextAsync("19 more replies to Popular");

        await more.ClickAsync();

        await Expect(replies).ToHaveCountAsync(2 * (BrowserSite.CommentBudget - 1));
        await Expect(Card(page, site.Ids["Answer12"])).ToBeFocusedAsync();
        await Expect(more).ToHaveTextAsync("8 more replies to Popular");

        await more.ClickAsync();

        await Expect(replies).ToHaveCountAsync(30);
        await Expect(page.Locator($"#comment-{popular} > .more-replies")).ToHaveCountAsync(0);
        await Expect(replies.Locator(":scope > .comment-card .comment-author")).ToHaveTextAsync(Enumerable.Range(1, 30).Select(i => $"Replier {i}").ToArray());

        // A reply shown before its own replies were: they load under it, and it can be collapsed like any other.
        var answer2 = site.Ids["Answer2"];
        await page.Locator($"#comment-{answer2} > .more-replies a").ClickAsync();
        await Expect(page.Locator($"#comment-{answer2} > ol.replies > li.comment .comment-author")).ToHaveTextAsync(["Second guess", "Third guess"]);
        await Expect(Card(page, answer2).Locator("button.collapse")).ToHaveAttributeAsync("aria-expanded", "true");
        await Card(page, answer2).Locator("button.collapse").ClickAsync();
        await Expect(page.Locator($"#comment-{answer2} > .collapsed-note")).ToHaveTextAsync("2 replies hidden");

        Assert.Equal($"{site.Address}{Urls.MoreReplies}", page.Url);
        Assert.True(await page.EvaluateAsync<bool>("window.stillTheSamePage === true"), "The page was loaded again.");
        Assert.True(await page.EvaluateAsync<bool>("(() => { const ids = [...document.querySelectorAll('li.comment')].map(li => li.id); return new Set(ids).size === ids.length; })()"),
            "A comment is on the page twice.");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task MoreRepliesLoadedAfterANewReplyMovedTheRestShowNoCommentTwice()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var popular = site.Ids["PopularToo"];
        await page.GotoAsync($"{Urls.MoreRepliesNewest}?sort=newest");
        var replies = page.Locator($"#comment-{popular} > ol.replies > li.comment");
        await Expect(replies).ToHaveCountAsync(BrowserSite.CommentBudget - 1);
        // Newest first: a reply written now goes before those shown, and the rest move one place on.
        await site.WithDbAsync(async db =>
        {
            var parent = (await db.Comments.FindAsync(popular))!;
            db.Add(new Gazette.Comments.Comment
            {
                ArticleId = parent.ArticleId, Parent = parent, Root = parent, Depth = 1, AuthorName = "Latecomer",
                Body = "Written while the page was open.", BodyHtml = "<p>Written while the page was open.</p>", CreatedAt = BrowserSite.Now.UtcDateTime,
            });
            await db.SaveChangesAsync();
        });

        await page.Locator($"#comment-{popular} > .more-replies a").ClickAsync();

        await Expect(page.Locator($"#comment-{popular} > .more-replies")).ToHaveCountAsync(0);
        await Expect(replies).ToHaveCountAsync(15);
        await Expect(replies.Locator(":scope > .comment-card .comment-author")).ToHaveTextAsync(Enumerable.Range(1, 15).Reverse().Select(i => $"Replier {i}").ToArray());
        Assert.Empty(tab.Errors);
    }

    private static ILocator Card(IPage page, int commentId) => page.Locator($"#comment-{commentId} > .comment-card");

    private static int CommentId(string url) => int.Parse(url[(url.LastIndexOf("#comment-", StringComparison.Ordinal) + "#comment-".Length)..]);

    /// <summary>Writes a comment through the form page, as the reader of this page; returns its id once the page shows it.</summary>
    private static async Task<int> PostAsync(IPage page, string article, string text)
    {
        await page.GotoAsync($"{article}/comment");
        await page.Locator("form.comment-form [name=Body]").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"{Regex.Escape(article)}(\?page=\d+)?#comment-\d+$"));
        var id = CommentId(page.Url);
        await Expect(page.Locator($"#comment-{id} .comment-text")).ToHaveTextAsync(text);
        return id;
    }
}
