using System.Text;
using System.Text.Json;
using Gazette.Accounts;
using Gazette.Comments;
using Gazette.Core.Export;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Export;

/// <summary><c>export json</c> through /admin/export: everything the site holds, valid against the published schema (issue 13).</summary>
public sealed class JsonExportTests
{
    [Fact]
    public async Task ASiteFullOfHostileTextExportsValidJsonThatKeepsEveryStringAsStored()
    {
        await using var site = new HostileSite();
        var comments = await site.SeedAsync();

        var (response, body) = await AdminExport.DownloadAsync(site, AdminExport.Json);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = ExportSchema.AssertValid(body);
        var root = document.RootElement;
        var stored = await site.WithDbAsync(db => db.Comments.OrderBy(c => c.Id).Select(c => new { c.Id, c.Body, c.AuthorName }).ToListAsync(TestContext.Current.CancellationToken));
        var exported = root.GetProperty("comments").EnumerateArray().ToList();
        Assert.Equal(comments, exported.Count);
        foreach (var (want, got) in stored.Zip(exported))
        {
            Assert.Equal(want.Id, got.GetProperty("id").GetInt32());
            Assert.Equal(JsonText.Clean(want.Body), got.GetProperty("body").GetString());
            Assert.Equal(want.AuthorName is null ? null : JsonText.Clean(want.AuthorName), got.GetProperty("authorName").GetString());
        }
        var articles = await site.WithDbAsync(db => db.Articles.OrderBy(a => a.Id).Select(a => new { a.Title, a.BodyMarkdown }).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(articles.Select(a => JsonText.Clean(a.BodyMarkdown)), root.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("bodyMarkdown").GetString()));
        Assert.Equal(articles.Select(a => JsonText.Clean(a.Title)), root.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("title").GetString()));
        // Every control character is escaped, so the text of the file itself holds none but the JSON's own.
        Assert.DoesNotContain(Encoding.UTF8.GetString(body), c => c < ' ');
    }

    [Fact]
    public async Task AccountsAndModerationAreExportedWithoutPasswordHashesOrSecurityStamps()
    {
        await using var site = new GazetteFactory();
        var cancellation = TestContext.Current.CancellationToken;
        var reader = await site.EnsureUserAsync("reader@example.org", "A reader");
        var first = await site.WithDbAsync(db => db.Comments.OrderBy(c => c.Id).Select(c => new { c.Id, c.ArticleId }).FirstAsync(cancellation));
        var (commentId, articleId) = (first.Id, first.ArticleId);
        await site.WithDbAsync(async db =>
        {
            db.CommentVotes.Add(new CommentVote { CommentId = commentId, VoterKey = $"u:{reader.Id}", Value = 1, CastAt = GazetteFactory.Now.UtcDateTime });
            db.CommentFlags.Add(new CommentFlag { CommentId = commentId, ReaderKey = $"u:{reader.Id}", Reason = FlagReason.OffTopic, Note = "not about phones", CreatedAt = GazetteFactory.Now.UtcDateTime });
            db.Appeals.Add(new Appeal { CommentId = commentId, Text = "Please look again", CreatedAt = GazetteFactory.Now.UtcDateTime, Status = AppealStatus.Rejected, ResolvedAt = GazetteFactory.Now.UtcDateTime });
            db.Bans.Add(new Ban { Kind = BanKind.Email, Value = "spammer@example.org", Reason = "spam", Shadow = true, CreatedAt = GazetteFactory.Now.UtcDateTime });
            db.ModerationLog.Add(new ModerationLogEntry { Action = "spam", At = GazetteFactory.Now.UtcDateTime, ActorName = "Mod", CommentId = commentId, Before = "approved", After = "spam" });
            db.CommentRevisions.Add(new CommentRevision { CommentId = commentId, Body = "before the edit", ReplacedAt = GazetteFactory.Now.UtcDateTime });
            db.ArticleRevisions.Add(new Gazette.Articles.ArticleRevision { ArticleId = articleId, Title = "Old title", Slug = "old-slug", TagNames = "one\ntwo", SavedAt = GazetteFactory.Now.UtcDateTime });
            await db.SaveChangesAsync(cancellation);
        });

        var (_, body) = await AdminExport.DownloadAsync(site, AdminExport.Json);

        var secrets = await site.WithDbAsync(db => db.Users.Select(u => new { u.PasswordHash, u.SecurityStamp }).ToListAsync(cancellation));
        Assert.NotEmpty(secrets);

        using var document = ExportSchema.AssertValid(body);
        var root = document.RootElement;
        var text = Encoding.UTF8.GetString(body);
        foreach (var secret in secrets.SelectMany(s => new[] { s.PasswordHash, s.SecurityStamp }).OfType<string>())
        {
            Assert.DoesNotContain(secret, text);
        }
        Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
        var accounts = root.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Contains(accounts, a => a.GetProperty("email").GetString() == "reader@example.org" && a.GetProperty("roles").GetArrayLength() == 0);
        Assert.Contains(accounts, a => a.GetProperty("email").GetString() == "admin@example.com"
            && a.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).SequenceEqual([Roles.Administrator]));
        Assert.Equal(1, root.GetProperty("commentVotes").GetArrayLength());
        Assert.Equal("offTopic", root.GetProperty("commentFlags")[0].GetProperty("reason").GetString());
        Assert.Equal("rejected", root.GetProperty("appeals")[0].GetProperty("status").GetString());
        Assert.True(root.GetProperty("bans")[0].GetProperty("shadow").GetBoolean());
        Assert.Equal("spam", root.GetProperty("moderationLog")[0].GetProperty("after").GetString());
        Assert.Equal("before the edit", root.GetProperty("commentRevisions")[0].GetProperty("body").GetString());
        Assert.Equal(["one", "two"], root.GetProperty("articleRevisions")[0].GetProperty("tagNames").EnumerateArray().Select(t => t.GetString()));
        var tagIds = await site.WithDbAsync(db => db.Articles.OrderBy(a => a.Id).Select(a => a.Tags.Select(t => t.Id).OrderBy(id => id).ToList()).ToListAsync(cancellation));
        Assert.Equal(tagIds, root.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("tagIds").EnumerateArray().Select(t => t.GetInt32()).ToList()));
        Assert.Contains(tagIds, ids => ids.Count > 1);
    }

    [Fact]
    public async Task StandalonePagesAreInTheJsonExportWithEveryField()
    {
        await using var site = new EmptyGazetteFactory();
        await StandalonePages.SeedAsync(site);
        var stored = await site.WithDbAsync(db => db.SitePages.OrderBy(p => p.Id).ToListAsync(TestContext.Current.CancellationToken));

        var (_, body) = await AdminExport.DownloadAsync(site, AdminExport.Json);

        using var document = ExportSchema.AssertValid(body);
        var pages = document.RootElement.GetProperty("pages").EnumerateArray().ToList();
        Assert.Equal(stored.Count, pages.Count);
        foreach (var (want, got) in stored.Zip(pages))
        {
            Assert.Equal(want.Id, got.GetProperty("id").GetInt32());
            Assert.Equal(want.Slug, got.GetProperty("slug").GetString());
            Assert.Equal(want.Title, got.GetProperty("title").GetString());
            Assert.Equal(JsonText.Clean(want.BodyMarkdown), got.GetProperty("bodyMarkdown").GetString());
            Assert.Equal(want.BodyHtml, got.GetProperty("bodyHtml").GetString());
            Assert.Equal(want.Published, got.GetProperty("published").GetBoolean());
            Assert.Equal(want.InFooter, got.GetProperty("inFooter").GetBoolean());
            Assert.Equal(want.FooterOrder, got.GetProperty("footerOrder").GetInt32());
            Assert.Equal(want.CreatedAt, got.GetProperty("createdAt").GetDateTime());
            Assert.Equal(want.UpdatedAt, got.GetProperty("updatedAt").GetDateTime());
            Assert.Equal(want.Source, got.GetProperty("source").GetString());
            Assert.Equal(want.SourceId, got.GetProperty("sourceId").GetString());
        }
        Assert.Contains(pages, p => p.GetProperty("sourceId").GetString() == "12");
    }
}
