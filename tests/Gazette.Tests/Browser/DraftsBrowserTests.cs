using System.Net;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gazette.Tests.Infrastructure.SiteData;
using static Microsoft.Playwright.Assertions;

namespace Gazette.Tests.Browser;

/// <summary>
/// Issue 15, "nothing typed is lost", in a real browser (drafts.js with discussion.js): each reply target keeps its
/// draft, drafts outlive a reload and are forgotten once posted, leaving with unsent text asks first, the room left is
/// counted and a long paste is never cut, a late edit is offered as a new reply, and a guest's name is remembered.
/// Each test writes on an article of its own, the site's default limit of 10,000 characters.
/// </summary>
[Trait(BrowserSide.Name, BrowserSide.Value)]
public sealed class DraftsBrowserTests(DraftsBrowserTests.Site site) : IClassFixture<DraftsBrowserTests.Site>
{
    public sealed class Site : EmptyGazetteFactory, IAsyncLifetime
    {
        public static readonly string[] Stories = ["Two replies", "Reload", "Guest", "Counter", "Late edit", "Axe"];
        private Chromium? chromium;

        public Site() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

        public string Address { get; private set; } = "";

        /// <summary>The two comments on each story, by its slug: "first" and "second".</summary>
        public Dictionary<string, (int First, int Second)> Comments { get; } = [];

        public async ValueTask InitializeAsync()
        {
            if (!Chromium.Installed)
            {
                return;
            }
            StartServer();
            Address = Chromium.AddressOf(Services);
            await WithDbAsync(async db =>
            {
                var at = Now.UtcDateTime.AddDays(-1);
                var author = Author("Ana Writer");
                var articles = Stories.Select((title, i) => Article(title, at.AddMinutes(-i), author)).ToList();
                db.AddRange(articles);
                await db.SaveChangesAsync();
                var comments = articles.Select(a => (a, Comment(a, "Olga", "The first comment.", at.AddMinutes(1)), Comment(a, "Pavel", "The second comment.", at.AddMinutes(2)))).ToList();
                foreach (var (article, first, second) in comments)
                {
                    db.AddRange(first, second);
                    article.CommentCount = 2;
                }
                await db.SaveChangesAsync();
                foreach (var (article, first, second) in comments)
                {
                    Comments[article.Slug] = (first.Id, second.Id);
                }
            });
            chromium = await Chromium.LaunchAsync();
        }

        /// <summary>A new reader; the questions the page asks (leaving with unsent text) are answered "leave" and listed in <paramref name="dialogs"/>.</summary>
        public async Task<Tab> NewPageAsync(bool javaScript = true, List<string>? dialogs = null)
        {
            var context = await Chromium.Require(chromium).NewContextAsync(Address, javaScript: javaScript);
            var page = await context.NewPageAsync();
            page.Dialog += async (_, dialog) =>
            {
                dialogs?.Add(dialog.Type);
                await dialog.AcceptAsync();
            };
            return new Tab(context, page);
        }

        public override async ValueTask DisposeAsync()
        {
            if (chromium is not null)
            {
                await chromium.DisposeAsync();
            }
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task ReplyingToAnotherCommentKeepsTheHalfWrittenReplyOfTheFirst()
    {
        // Issue 15: clicking "Reply" on another comment closed the first form and emptied it.
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var (first, second) = site.Comments["two-replies"];
        await page.GotoAsync("/articles/two-replies");

        var toFirst = await ReplyFormAsync(page, first);
        await toFirst.Locator("[name=Body]").FillAsync("Half a reply to Olga");
        var toSecond = await ReplyFormAsync(page, second);
        await toSecond.Locator("[name=Body]").FillAsync("Half a reply to Pavel");
        var backToFirst = await ReplyFormAsync(page, first);

        await Expect(backToFirst.Locator("[name=Body]")).ToHaveValueAsync("Half a reply to Olga");
        await Expect(backToFirst.Locator(".draft-note")).ToContainTextAsync("unsent text");
        await Expect((await ReplyFormAsync(page, second)).Locator("[name=Body]")).ToHaveValueAsync("Half a reply to Pavel");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task ADraftOutlivesAReloadThatAsksFirstAndIsForgottenOncePosted()
    {
        var dialogs = new List<string>();
        await using var tab = await site.NewPageAsync(dialogs: dialogs);
        var page = tab.Page;
        await page.GotoAsync("/articles/reload");
        var form = await CommentFormAsync(page);
        await form.Locator("[name=AuthorName]").FillAsync("Reloader");
        await form.Locator("[name=Body]").PressSequentiallyAsync("Typed before the reload.");

        await page.ReloadAsync();

        Assert.Equal(["beforeunload"], dialogs);
        form = await CommentFormAsync(page);
        await Expect(form.Locator("[name=Body]")).ToHaveValueAsync("Typed before the reload.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(page.Locator("li.comment-new .comment-text")).ToHaveTextAsync("Typed before the reload.");
        await page.ReloadAsync();
        Assert.Single(dialogs); // nothing unsent after posting: no question
        await Expect((await CommentFormAsync(page)).Locator("[name=Body]")).ToHaveValueAsync("");
        Assert.Equal(0, await page.EvaluateAsync<int>("Object.keys(localStorage).filter(k => k.startsWith('gazette-draft:')).length"));
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task ADraftOnTheFormsOwnPageWithoutTheDiscussionScriptIsForgottenOncePostedThere()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var (first, _) = site.Comments["reload"];
        await page.GotoAsync($"/articles/reload/comment?replyTo={first}");
        await page.Locator("form.comment-form [name=Body]").FillAsync("A reply from the form's own page.");
        await page.GotoAsync($"/articles/reload/comment?replyTo={first}");
        await Expect(page.Locator("form.comment-form [name=Body]")).ToHaveValueAsync("A reply from the form's own page.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/articles/reload(\?.*)?#comment-\d+$"));
        // The article page's script forgets the draft once it has loaded: leaving before then would keep it.
        await page.WaitForFunctionAsync("() => !Object.keys(localStorage).some(k => k.startsWith('gazette-draft:'))");
        await page.GotoAsync($"/articles/reload/comment?replyTo={first}");
        await Expect(page.Locator("form.comment-form [name=Body]")).ToHaveValueAsync("");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task AGuestsNameAndEmailAreFilledInTheirNextReplyForm()
    {
        // Issue 15: the next reply went out as "Anonymous".
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var (first, _) = site.Comments["guest"];
        await page.GotoAsync("/articles/guest");
        var form = await CommentFormAsync(page);
        await form.Locator("[name=AuthorName]").FillAsync("Remembered Reader");
        await form.Locator("[name=AuthorEmail]").FillAsync("reader@example.org");
        await form.Locator("[name=Body]").FillAsync("My first comment here.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(page.Locator("li.comment-new .comment-author")).ToHaveTextAsync("Remembered Reader");

        var reply = await ReplyFormAsync(page, first);

        await Expect(reply.Locator("[name=AuthorName]")).ToHaveValueAsync("Remembered Reader");
        await Expect(reply.Locator("[name=AuthorEmail]")).ToHaveValueAsync("reader@example.org");
        await reply.Locator("[name=Body]").FillAsync("And a reply, under my name.");
        await reply.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();
        await Expect(page.Locator($"#comment-{first} li.comment-new .comment-author")).ToHaveTextAsync("Remembered Reader");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task APasteOverTheLimitIsNeverCutTheCounterSaysByHowMuchAndTheSiteRefusesItWithTheTextKept()
    {
        // Issue 15: a 10,500-character paste was cut to 10,000 without a word (the textarea's maxlength).
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/articles/counter");
        var form = await CommentFormAsync(page);
        var body = form.Locator("[name=Body]");
        var counter = form.Locator(".length-counter");
        await Expect(counter).ToBeHiddenAsync();

        // Line breaks are sent as CR LF, and counted so: 9,998 characters and one line break make 10,000.
        await body.FillAsync(new string('x', 9_998) + "\n");
        await Expect(counter).ToHaveTextAsync("0 characters left of 10,000.");
        var paste = string.Concat(Enumerable.Repeat("A paste of ten. ", 10_500 / 16 + 1))[..10_500];
        await body.FillAsync(paste);
        await Expect(counter).ToHaveTextAsync("500 characters over the limit of 10,000: shorten it before posting.");
        Assert.Equal(10_500, await body.EvaluateAsync<int>("b => b.value.length"));
        await form.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();

        await Expect(form.Locator(".field-error:not(:empty)")).ToContainTextAsync("10,500 characters long; the limit is 10,000");
        await Expect(form.Locator("[name=Body]")).ToHaveValueAsync(paste);
        await Expect(form.Locator(".length-counter")).ToHaveTextAsync("500 characters over the limit of 10,000: shorten it before posting.");
        Assert.Empty(tab.Errors);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnEditSentTooLateComesBackWithTheRewriteAndPostsItAsANewReply(bool javaScript)
    {
        // Issue 15: an edit sent after the window closed came back with only the old text.
        await using var tab = await site.NewPageAsync(javaScript);
        var page = tab.Page;
        var id = await PostOnItsOwnPageAsync(page, "late-edit", $"Said too fast ({javaScript}).");
        await page.GotoAsync($"/comments/{id}/edit");
        await Expect(page.Locator(".edit-time-left")).ToHaveTextAsync("Time left to edit: 15 minutes.");
        await page.Locator("form.comment-form [name=Body]").FillAsync($"Said better, but too late ({javaScript}).");
        await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.CreatedAt, c => c.CreatedAt.AddMinutes(-20))));

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.Locator(".form-errors")).ToContainTextAsync("Your rewrite has not been saved");
        await Expect(page.Locator("form.comment-form [name=Body]")).ToHaveValueAsync($"Said better, but too late ({javaScript}).");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post as a new reply" }).ClickAsync();
        var reply = page.Locator($"#comment-{id} > ol.replies > li.comment").Filter(new() { HasText = $"Said better, but too late ({javaScript})." });
        await Expect(reply.Locator(".comment-author")).ToHaveTextAsync("Late Writer");
        Assert.Equal($"Said too fast ({javaScript}).", await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.Body).SingleAsync()));
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task TheCounterTheRestoredDraftAndTheLateEditOfferPassAxe()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var options = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. AccessibilityBrowserTests.Tags] } };
        var violations = new List<string>();
        async Task CheckAsync(string where) =>
            violations.AddRange((await page.CheckAxeAsync(options)).Violations.Select(v => $"{where}: {v.Id} {v.Help} {string.Join(" ", v.Nodes.Take(3).Select(n => n.Html))}"));

        var (first, _) = site.Comments["axe"];
        await page.GotoAsync("/articles/axe");
        await (await ReplyFormAsync(page, first)).Locator("[name=Body]").FillAsync(new string('x', 9_500));
        await page.GotoAsync("/articles/axe");
        await Expect((await ReplyFormAsync(page, first)).Locator(".draft-note")).ToBeVisibleAsync();
        await CheckAsync("reply form with a restored draft and the counter");

        var id = await PostOnItsOwnPageAsync(page, "axe", "To be edited.");
        await page.GotoAsync($"/comments/{id}/edit");
        await CheckAsync("edit form with the time left");
        await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.CreatedAt, c => c.CreatedAt.AddMinutes(-20))));
        await page.Locator("form.comment-form [name=Body]").FillAsync("Edited too late.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Post as a new reply" })).ToBeVisibleAsync();
        await CheckAsync("late edit offered as a new reply");

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.Empty(tab.Errors);
    }

    private static async Task<ILocator> ReplyFormAsync(IPage page, int parent)
    {
        await page.Locator($"#comment-{parent} > .comment-card a.reply").ClickAsync();
        var form = page.Locator($"#comment-{parent} > .inline-compose form.comment-form");
        await Expect(form.Locator("[name=Body]")).ToBeFocusedAsync();
        return form;
    }

    private static async Task<ILocator> CommentFormAsync(IPage page)
    {
        await page.Locator("#comments a.write-comment").ClickAsync();
        var form = page.Locator("#comments > .inline-compose form.comment-form");
        await Expect(form.Locator("[name=Body]")).ToBeFocusedAsync();
        return form;
    }

    /// <summary>A comment by "Late Writer" through the form's own page; its id, from the address it lands on.</summary>
    private static async Task<int> PostOnItsOwnPageAsync(IPage page, string slug, string text)
    {
        await page.GotoAsync($"/articles/{slug}/comment");
        await page.Locator("form.comment-form [name=AuthorName]").FillAsync("Late Writer");
        await page.Locator("form.comment-form [name=Body]").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"#comment-\d+$"));
        return int.Parse(new Uri(page.Url).Fragment["#comment-".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
