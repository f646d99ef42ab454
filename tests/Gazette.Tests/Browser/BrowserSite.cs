using System.Net;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.Playwright;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Browser;

/// <summary>
/// The real site on a real port (Kestrel on 127.0.0.1, a free port) and one headless Chromium for a test class.
/// Each test opens its own browser context (its own cookies: its own reader). The articles are arranged so that the
/// tests that write do it on an article of their own and do not depend on each other.
/// </summary>
public sealed class BrowserSite : EmptyGazetteFactory, IAsyncLifetime
{
    public const string ChromiumPath = Chromium.ExecutablePath;
    public const string Missing = Chromium.Missing;

    public const int ThreadsPerPage = 3;

    /// <summary>Small, so that a comment with 30 replies has "more replies" to load (issue 11); every other discussion here fits.</summary>
    public const int CommentBudget = 12;

    private Chromium? chromium;

    public BrowserSite()
    {
        // Before anything starts the host: a browser needs a socket, not the in-memory test server.
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Discussion:ThreadsPerPage", ThreadsPerPage.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Discussion:CommentBudget", CommentBudget.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>http://127.0.0.1:port, where the site listens.</summary>
    public string Address { get; private set; } = "";

    /// <summary>Comment ids by name; articles by their slug, listed in <see cref="Urls"/>.</summary>
    public Dictionary<string, int> Ids { get; } = [];

    public static class Urls
    {
        public const string Thread = "/articles/thread-story";
        public const string ReplyWithScript = "/articles/reply-with-script";
        public const string ReplyWithoutScript = "/articles/reply-without-script";
        public const string Refusals = "/articles/refusals";
        public const string Votes = "/articles/votes";
        public const string Edits = "/articles/edits";
        public const string Deletes = "/articles/deletes";
        public const string Long = "/articles/long-discussion";
        public const string Deep = "/articles/deep-thread";
        public const string Continued = "/articles/continued-thread";
        public const string MoreReplies = "/articles/more-replies";
        public const string MoreRepliesNewest = "/articles/more-replies-newest";
    }

    public async ValueTask InitializeAsync()
    {
        if (!Chromium.Installed)
        {
            return; // each test skips, or fails on CI (see NewPageAsync)
        }
        StartServer();
        Address = Chromium.AddressOf(Services);
        await SeedAsync();
        chromium = await Chromium.LaunchAsync();
    }

    /// <summary>A new reader (a new browser context) on a blank page, with the page's script errors collected.</summary>
    public async Task<Tab> NewPageAsync(bool javaScript = true, int width = 1280, int height = 900)
    {
        var context = await Chromium.Require(chromium).NewContextAsync(Address, javaScript: javaScript, width: width, height: height);
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

    private Task SeedAsync() => WithDbAsync(async db =>
    {
        var at = Now.UtcDateTime.AddDays(-1);
        var author = Author("Ana Writer");
        var articles = new Dictionary<string, Article>();
        foreach (var (title, i) in new[] { "Thread story", "Reply with script", "Reply without script", "Refusals", "Votes", "Edits", "Deletes", "Long discussion", "Deep thread", "Continued thread", "More replies", "More replies newest" }
            .Select((t, i) => (t, i)))
        {
            // The long discussion has a long body: its comments start well below the first screen.
            var body = title == "Long discussion" ? string.Join("\n\n", Enumerable.Repeat("A paragraph of the story, long enough to fill a line or two of the page.", 40)) : "Some text.";
            articles[title] = Article(title, at.AddMinutes(-i), author, body: body);
        }
        db.AddRange(articles.Values);
        await db.SaveChangesAsync();

        var minute = 0;
        Comment Add(string article, string who, string text, Comment? parent = null)
        {
            var comment = Comment(articles[article], who, text, at.AddMinutes(++minute), parent);
            db.Add(comment);
            return comment;
        }

        // Thread story: A (with replies A1, A1x below it, A2), then B and C.
        var a = Add("Thread story", "Alice", "First thread.");
        var a1 = Add("Thread story", "Bob", "A reply to Alice.", a);
        Add("Thread story", "Carol", "A reply to Bob.", a1);
        Add("Thread story", "Dan", "Another reply to Alice.", a);
        var b = Add("Thread story", "Erin", "Second thread.");
        var c = Add("Thread story", "Frank", "Third thread.");

        var replyWithScript = Add("Reply with script", "Grace", "Reply to me with a script.");
        var replyWithoutScript = Add("Reply without script", "Heidi", "Reply to me with a form.");
        var votes = Add("Votes", "Ivan", "Vote on me.");

        // Long discussion: seven threads, three a page; the last one on page 3 has a reply.
        var top = Enumerable.Range(1, 7).Select(i => Add("Long discussion", $"Reader {i}", $"Top comment {i}.")).ToList();
        var onPageThree = Add("Long discussion", "Late reader", "A reply on page 3.", top[6]);

        // Deep and continued threads: one reply under another down to depth 5, one level past what the article page shows.
        List<Comment> Chain(string article)
        {
            var chain = new List<Comment> { Add(article, "Level zero", "Depth 0 starts the thread.") };
            for (var depth = 1; depth <= 5; depth++)
            {
                chain.Add(Add(article, $"Level {depth}",
                    $"Depth {depth}: a reply long enough to wrap over several lines on a phone, with a link " +
                    "https://example.com/an/address/that/goes/on/and/on/without/any/space/in/it", chain[^1]));
            }
            return chain;
        }
        var deep = Chain("Deep thread");
        var continued = Chain("Continued thread");

        // More replies: a comment with 30 replies, the second of which has two of its own; the budget shows 11 of them.
        var popular = Add("More replies", "Popular", "Everyone answers this.");
        var popularReplies = Enumerable.Range(1, 30).Select(i => Add("More replies", $"Replier {i}", $"Answer {i}.", popular)).ToList();
        Add("More replies", "Second guess", "An answer to answer 2.", popularReplies[1]);
        Add("More replies", "Third guess", "Another answer to answer 2.", popularReplies[1]);
        // The same with 15 replies, for a reader sorting by newest while a new reply comes.
        var popularToo = Add("More replies newest", "Popular too", "Everyone answers this too.");
        for (var i = 1; i <= 15; i++)
        {
            Add("More replies newest", $"Replier {i}", $"Answer {i}.", popularToo);
        }
        await db.SaveChangesAsync();

        foreach (var article in articles.Values)
        {
            article.CommentCount = db.ChangeTracker.Entries<Comment>().Count(e => e.Entity.ArticleId == article.Id);
        }
        await db.SaveChangesAsync();

        Ids["A"] = a.Id;
        Ids["A1"] = a1.Id;
        Ids["B"] = b.Id;
        Ids["C"] = c.Id;
        Ids["ScriptParent"] = replyWithScript.Id;
        Ids["FormParent"] = replyWithoutScript.Id;
        Ids["VoteOn"] = votes.Id;
        Ids["OnPageThree"] = onPageThree.Id;
        Ids["Depth4"] = deep[4].Id;
        Ids["ContinuedFrom"] = continued[4].Id;
        Ids["ContinuedDepth5"] = continued[5].Id;
        Ids["Popular"] = popular.Id;
        Ids["Answer2"] = popularReplies[1].Id;
        Ids["Answer12"] = popularReplies[11].Id;
        Ids["PopularToo"] = popularToo.Id;
    });
}

/// <summary>One reader's page, and what went wrong in it: uncaught script errors and refusals by the CSP.</summary>
public sealed class Tab(IBrowserContext context, IPage page) : IAsyncDisposable
{
    private readonly List<string> errors = Watch(page);

    public IPage Page { get; } = page;

    public IBrowserContext Context { get; } = context;

    public IReadOnlyList<string> Errors => errors;

    private static List<string> Watch(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        // Failed requests are part of some tests (a refused vote answers 409); script and policy errors never are.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        return errors;
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
