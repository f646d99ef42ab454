using System.Net;
using System.Text;
using Deque.AxeCore.Commons;
using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.Playwright;
using static Gazette.Tests.Infrastructure.SiteData;
using static Microsoft.Playwright.Assertions;

namespace Gazette.Tests.Browser;

/// <summary>The site on a real port with a few discussions for issue 15's browser tests, a moderator, and one headless Chromium.</summary>
[Trait(BrowserSide.Name, BrowserSide.Value)]
public sealed class PicksBrowserSite : EmptyGazetteFactory, IAsyncLifetime
{
    public const string ModeratorEmail = "picks.moderator@example.com";

    private Chromium? chromium;

    public PicksBrowserSite() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    public string Address { get; private set; } = "";

    /// <summary>Comment ids by name.</summary>
    public Dictionary<string, int> Ids { get; } = [];

    public async ValueTask InitializeAsync()
    {
        if (!Chromium.Installed)
        {
            return;
        }
        StartServer();
        Address = Chromium.AddressOf(Services);
        await this.EnsureUserAsync(ModeratorEmail, "Picks Moderator", Roles.Moderator);
        await WithDbAsync(async db =>
        {
            var at = Now.UtcDateTime.AddDays(-1);
            var author = Author("Ana Writer");
            var sections = new[] { "World", "Politics", "Business", "Science", "Culture", "Sport", "Opinion" }.Select(Category).ToList();
            var articles = new[] { "Pick story", "Quote story", "Phone story" }
                .Select((title, i) => Article(title, at.AddMinutes(-i), author, sections[i])).ToList();
            db.AddRange(sections);
            db.AddRange(articles);
            await db.SaveChangesAsync();
            var minute = 0;
            Comment Add(Article article, string who, string text)
            {
                var comment = Comment(article, who, text, at.AddMinutes(++minute));
                db.Add(comment);
                return comment;
            }
            var comments = new Dictionary<string, Comment>
            {
                ["Plain"] = Add(articles[0], "Plain Reader", "Nothing special here."),
                ["Pickable"] = Add(articles[0], "Careful Reader", "A comment the editors will like."),
                ["AnaFirst"] = Add(articles[1], "Ana Lee", "The council met on Tuesday.\nIt voted for the new bridge."),
                ["AnaLatest"] = Add(articles[1], "Ana Lee", "The bridge opens in May."),
                ["Mention"] = Add(articles[1], "Bo", "@Ana Lee is right about the bridge."),
                ["Phone"] = Add(articles[2], "Small Screen", "Read on a phone."),
            };
            foreach (var article in articles)
            {
                article.CommentCount = comments.Values.Count(c => c.ArticleId == article.Id);
            }
            await db.SaveChangesAsync();
            foreach (var (name, comment) in comments)
            {
                Ids[name] = comment.Id;
            }
        });
        chromium = await Chromium.LaunchAsync();
    }

    public async Task<Tab> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Chromium.Require(chromium).NewContextAsync(Address, width: width, height: height);
        return new Tab(context, await context.NewPageAsync());
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

/// <summary>Issue 15 in a real browser: editors' picks from the thread, quoting a selection, mentions, and the page on a phone.</summary>
public sealed class PicksBrowserTests(PicksBrowserSite site) : IClassFixture<PicksBrowserSite>
{
    [Fact]
    public async Task AModeratorFeaturesACommentFromTheThreadReadersFindItInEditorsPicksThenItIsUnfeatured()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var pickable = site.Ids["Pickable"];
        await SignInAsync(page, "/articles/pick-story");

        await page.Locator($"#comment-{pickable} > .comment-card a.pick").ClickAsync();
        await page.Locator("form.pick-form textarea[name=Note]").FillAsync("Sharp and kind.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Feature it" }).ClickAsync();

        await Expect(page).ToHaveURLAsync($"{site.Address}/articles/pick-story#comment-{pickable}");
        var mark = page.Locator($"#comment-{pickable} > .comment-card .editors-pick");
        await Expect(mark).ToContainTextAsync("Editors’ pick");
        await Expect(mark.Locator(".pick-note")).ToHaveTextAsync("Sharp and kind.");
        await Expect(page.Locator($"#comment-{site.Ids["Plain"]} .editors-pick")).ToHaveCountAsync(0);

        // Everyone's page (another reader, not signed in) shows the pick, and its own view lists it alone.
        await using (var reader = await site.NewPageAsync())
        {
            await reader.Page.GotoAsync("/articles/pick-story");
            await reader.Page.Locator(".comment-sort a", new() { HasText = "Editors’ picks" }).ClickAsync();
            await Expect(reader.Page).ToHaveURLAsync($"{site.Address}/articles/pick-story?sort=picks#comments");
            await Expect(reader.Page.Locator("li.comment")).ToHaveCountAsync(1);
            await Expect(reader.Page.Locator($"#comment-{pickable} .pick-note")).ToHaveTextAsync("Sharp and kind.");
            await AssertAxeCleanAsync(reader.Page, "the editors' picks view");
            Assert.Empty(reader.Errors);
        }

        await page.Locator($"#comment-{pickable} > .comment-card a.pick").ClickAsync();
        await Expect(page.Locator("form.pick-form textarea[name=Note]")).ToHaveValueAsync("Sharp and kind.");
        await AssertAxeCleanAsync(page, "the pick page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove from editors’ picks" }).ClickAsync();

        await Expect(page).ToHaveURLAsync($"{site.Address}/articles/pick-story#comment-{pickable}");
        await Expect(page.Locator(".editors-pick")).ToHaveCountAsync(0);
        await page.GotoAsync("/articles/pick-story?sort=picks");
        await Expect(page.Locator("#comments .empty")).ToHaveTextAsync("No editors’ picks yet.");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task SelectingTextInACommentOffersQuoteWhichPutsItWithTheAuthorIntoTheReply()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        var quoted = site.Ids["AnaFirst"];
        await page.GotoAsync("/articles/quote-story");
        var quote = page.Locator($"#comment-{quoted} > .comment-card button.quote-selection");
        await Expect(page.Locator("button.quote-selection:visible")).ToHaveCountAsync(0);

        // Both lines of the comment, selected as a reader would with the mouse.
        var text = page.Locator($"#comment-{quoted} .comment-text p");
        var box = (await text.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 1, box.Y + 3);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width - 1, box.Y + box.Height - 3, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await Expect(quote).ToBeVisibleAsync();
        await quote.ClickAsync();

        var body = page.Locator($"#comment-{quoted} > .inline-compose textarea[name=Body]");
        await Expect(body).ToBeFocusedAsync();
        await Expect(body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(
            @"^@Ana Lee wrote:\n> The council met on Tuesday\.\n> It voted for the new bridge\.?\n\n$"));
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task AMentionLinksToThatReadersLatestCommentInTheDiscussion()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/articles/quote-story");

        await page.Locator($"#comment-{site.Ids["Mention"]} .comment-text a.mention").ClickAsync();

        await Expect(page).ToHaveURLAsync($"{site.Address}/articles/quote-story#comment-{site.Ids["AnaLatest"]}");
        Assert.True(await page.Locator($"#comment-{site.Ids["AnaLatest"]}").EvaluateAsync<bool>("li => li.matches(':target')"));
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task OnAPhoneVoteAndReplyTargetsAreAtLeast44PixelsAndTheHeaderTakesAtMost15PercentOfTheScreen()
    {
        await using var tab = await site.NewPageAsync(width: 390, height: 844);
        var page = tab.Page;
        await page.GotoAsync("/articles/phone-story");

        var header = (await page.Locator("header.site-header").BoundingBoxAsync())!;
        Assert.True(header.Y + header.Height <= 844 * 0.15, $"The header ends {header.Y + header.Height} px down a 844 px screen (more than 15 %).");
        var sections = page.Locator(".site-nav li");
        var rows = (await sections.EvaluateAllAsync<double[]>("items => items.map(li => li.getBoundingClientRect().top)")).Distinct().Count();
        Assert.Equal(1, rows);
        var card = page.Locator($"#comment-{site.Ids["Phone"]} > .comment-card");
        foreach (var control in new[] { "a.vote-up", "a.vote-down", "a.reply" })
        {
            var target = (await card.Locator(control).BoundingBoxAsync())!;
            Assert.True(target.Width >= 44 && target.Height >= 44, $"{control} is {target.Width} × {target.Height} px.");
        }
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"The page is {width} px wide on a 390 px screen.");
        await AssertAxeCleanAsync(page, "an article on a phone");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task TheFormattingHelpOpensBesideTheCommentForm()
    {
        await using var tab = await site.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/articles/quote-story");
        await page.Locator("#comments a.write-comment").ClickAsync();
        var help = page.Locator("#comments .inline-compose details.formatting-help");

        await help.Locator("summary").ClickAsync();

        await Expect(help.Locator("table")).ToBeVisibleAsync();
        await Expect(help).ToContainTextAsync("a block quote");
        await AssertAxeCleanAsync(page, "the comment form with its formatting help open");
        Assert.Empty(tab.Errors);
    }

    private async Task SignInAsync(IPage page, string returnUrl)
    {
        await page.GotoAsync($"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.Locator("main input[name='Input.Email']").FillAsync(PicksBrowserSite.ModeratorEmail);
        await page.Locator("main input[name='Input.Password']").FillAsync(StaffAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync($"**{returnUrl}");
    }

    private static async Task AssertAxeCleanAsync(IPage page, string where)
    {
        var result = await page.CheckAxeAsync(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. AccessibilityBrowserTests.Tags] } });
        var report = new StringBuilder();
        foreach (var violation in result.Violations)
        {
            report.AppendLine($"- {violation.Id}: {violation.Help} at {string.Join(", ", violation.Nodes.Take(3).Select(n => n.Html))}");
        }
        Assert.True(report.Length == 0, $"axe found violations on {where}:\n{report}");
    }
}
