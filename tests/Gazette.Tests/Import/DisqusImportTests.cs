using Gazette.Comments;
using Gazette.Import;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Import;

/// <summary><c>import disqus</c> onto articles that came from a WordPress export, the usual move (issue 13).</summary>
public sealed class DisqusImportTests : IAsyncLifetime
{
    private readonly ImportSite site = new();
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await site.ImportAsync("wordpress", ImportSite.WordPressExport);

    public ValueTask DisposeAsync() => site.DisposeAsync();

    [Fact]
    public async Task PostsLandUnderTheWordPressArticleOfTheirThreadWithTheirParentsAndStatuses()
    {
        var (exit, report, _) = await site.ImportAsync("disqus", ImportSite.DisqusExport, "--old-base-url", "http://old-gazette.example");

        Assert.Equal(0, exit);
        var posts = await site.WithDbAsync(db => db.Comments.AsNoTracking().Where(c => c.Source == ImportSources.Disqus)
            .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new { c.SourceId, c.ParentId, c.Status, c.AuthorName, c.AuthorUrl, a.Slug, a.CommentCount })
            .ToDictionaryAsync(c => c.SourceId!, Cancel));
        Assert.Equal(["9001", "9002", "9003", "9004"], posts.Keys.Order());
        Assert.All(posts.Values, p => Assert.Equal("solar-roads-revisited", p.Slug));
        // Deleted with a reply: a placeholder the reply stays under.
        Assert.Equal(CommentStatus.Deleted, posts["9003"].Status);
        var ids = await site.WithDbAsync(db => db.Comments.Where(c => c.Source == ImportSources.Disqus).ToDictionaryAsync(c => c.SourceId!, c => c.Id, Cancel));
        Assert.Equal(ids["9003"], posts["9004"].ParentId);
        Assert.Equal(ids["9001"], posts["9002"].ParentId);
        // Issue 13: a member's username is kept (as their Disqus profile), and an anonymous post has none.
        Assert.Equal(("Mara K.", "https://disqus.com/by/marak/"), (posts["9001"].AuthorName, posts["9001"].AuthorUrl));
        Assert.Null(posts["9004"].AuthorUrl);
        var page = await site.GetPageAsync("/articles/solar-roads-revisited");
        Assert.NotNull(page.GetElementById($"comment-{ids["9003"]}"));
        Assert.Contains("Comment deleted", page.GetElementById($"comment-{ids["9003"]}")!.TextContent);
        var counts = await site.WithDbAsync(db => db.Articles.Where(a => a.Slug == "solar-roads-revisited")
            .Select(a => new { a.CommentCount, Approved = db.Comments.Count(c => c.ArticleId == a.Id && c.Status == CommentStatus.Approved) }).SingleAsync(Cancel));
        Assert.Equal(counts.Approved, counts.CommentCount);
        Assert.Contains("thread 7002", report);
        Assert.Contains("thread 7003", report);
        Assert.Contains("post 9010", report);
    }

    [Fact]
    public async Task SpamStaysSpamAndTheSameFileTwiceAddsNothing()
    {
        var file = Path.Combine(site.DataFolder, "spam.xml");
        await File.WriteAllTextAsync(file, """
            <?xml version="1.0" encoding="utf-8"?>
            <disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
              <thread dsq:id="1"><id>8 http://old-gazette.example/?p=8</id><link>http://old-gazette.example/?p=8</link><title>Solar</title></thread>
              <post dsq:id="2"><message><![CDATA[<p>Cheap watches</p>]]></message><createdAt>2021-05-01T10:00:00Z</createdAt>
                <isDeleted>false</isDeleted><isSpam>true</isSpam><author><name>Watches</name><isAnonymous>true</isAnonymous></author><thread dsq:id="1"/></post>
            </disqus>
            """, Cancel);

        await site.ImportAsync("disqus", file);
        var (_, again, _) = await site.ImportAsync("disqus", file);

        var spam = await site.WithDbAsync(db => db.Comments.Where(c => c.Source == ImportSources.Disqus).ToListAsync(Cancel));
        Assert.Equal(CommentStatus.Spam, Assert.Single(spam).Status);
        Assert.Contains("comment: 1", again);
    }

    [Fact]
    public async Task AReplyBeforeItsParentInTheFileFindsItAndOneWhoseParentNeverComesGoesUnderAPlaceholder()
    {
        // Posts are written as they are read (issue 13): 9002, a reply to 9001, moved before it; 9004's parent 9003 taken out.
        var text = await File.ReadAllTextAsync(ImportSite.DisqusExport, Cancel);
        string Post(string id) => text[text.IndexOf($"<post dsq:id=\"{id}\">", StringComparison.Ordinal)..(text.IndexOf("</post>", text.IndexOf($"<post dsq:id=\"{id}\">", StringComparison.Ordinal), StringComparison.Ordinal) + "</post>".Length)];
        var (reply, parent, gone) = (Post("9002"), Post("9001"), Post("9003"));
        var file = Path.Combine(site.DataFolder, "reordered.xml");
        await File.WriteAllTextAsync(file, text.Replace(reply, "").Replace(gone, "").Replace(parent, reply + "\n" + parent), Cancel);

        var (exit, _, _) = await site.ImportAsync("disqus", file, "--old-base-url", "http://old-gazette.example");

        Assert.Equal(0, exit);
        var rows = await site.WithDbAsync(db => db.Comments.AsNoTracking().Where(c => c.SourceId != null && c.Source!.StartsWith("disqus"))
            .ToDictionaryAsync(c => (c.Source!, c.SourceId!), Cancel));
        Assert.Equal(rows[(ImportSources.Disqus, "9001")].Id, rows[(ImportSources.Disqus, "9002")].ParentId);
        var placeholder = rows[(ImportSources.DisqusPlaceholder, "9003")];
        Assert.Equal(CommentStatus.Deleted, placeholder.Status);
        Assert.Equal(placeholder.Id, rows[(ImportSources.Disqus, "9004")].ParentId);
        Assert.False(rows.ContainsKey((ImportSources.Disqus, "9003")));
    }
}
