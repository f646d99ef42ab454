using AngleSharp.Dom;
using Gazette.Accounts;
using Gazette.Comments;
using Gazette.Core.Text;
using Gazette.Moderation;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Moderation.Queue;

/// <summary>
/// An empty site where each test makes its own article and comments, written straight to the database with the record
/// of reasons a screening would leave (so these tests do not depend on how comments are screened), and reads the
/// queue narrowed to its article.
/// </summary>
public class QueueSite : EmptyGazetteFactory
{
    public const string ModeratorEmail = "moderator@example.com";
    public static readonly DateTime At = Now.UtcDateTime.AddDays(-1);
    private int minutes;

    public async Task<(int Id, string Slug)> ArticleAsync(string title) => await WithDbAsync(async db =>
    {
        var byline = await db.Authors.FirstOrDefaultAsync(a => a.Slug == "ana-writer", TestContext.Current.CancellationToken) ?? Author("Ana Writer");
        var article = Article(title, At, byline);
        db.Articles.Add(article);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (article.Id, article.Slug);
    });

    /// <summary>A comment as screening would have left it: its status, its record of reasons, its author's identities.</summary>
    public async Task<int> CommentAsync(
        int articleId, string body, CommentStatus status = CommentStatus.Pending, ModerationRecord? record = null, string? author = "Troll",
        string? email = null, string? userId = null, string? guestKeyHash = null, string? ipHash = null, int? parentId = null)
    {
        var at = At.AddMinutes(Interlocked.Increment(ref minutes));
        return await WithDbAsync(async db =>
        {
            var comment = new Comment
            {
                ArticleId = articleId, ParentId = parentId, RootId = parentId, Depth = parentId is null ? 0 : 1,
                AuthorName = author, AuthorEmail = email, Body = body, BodyHtml = CommentText.ToHtml(body),
                Status = status, CreatedAt = at, UserId = userId, GuestKeyHash = guestKeyHash, IpHash = ipHash,
                ModerationReasons = record?.ToJson(), SpamScore = record?.Score ?? 0,
            };
            db.Comments.Add(comment);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            if (status == CommentStatus.Approved)
            {
                await db.Articles.Where(a => a.Id == articleId)
                    .ExecuteUpdateAsync(set => set.SetProperty(a => a.CommentCount, a => a.CommentCount + 1), TestContext.Current.CancellationToken);
            }
            return comment.Id;
        });
    }

    public static ModerationRecord Held(string rule, string explanation, double score, params string[] matches) =>
        new([new ModerationReason(rule, explanation, matches)], score);

    public Task<FormClient> ModeratorAsync() => this.SignInAsStaffAsync(ModeratorEmail, Roles.Moderator);

    public Task<CommentStatus> StatusAsync(int commentId) =>
        WithDbAsync(db => db.Comments.Where(c => c.Id == commentId).Select(c => c.Status).SingleAsync(TestContext.Current.CancellationToken));

    public Task<int> CountAsync(int articleId) =>
        WithDbAsync(db => db.Articles.Where(a => a.Id == articleId).Select(a => a.CommentCount).SingleAsync(TestContext.Current.CancellationToken));

    /// <summary>The comment ids of an anonymous reader's view of the article (through the page cache, as readers get it).</summary>
    public async Task<IReadOnlyList<int>> PublicCommentIdsAsync(string slug)
    {
        var page = await GetPageAsync($"/articles/{slug}");
        return page.QuerySelectorAll("li.comment[id^='comment-']").Select(li => int.Parse(li.Id!["comment-".Length..])).ToList();
    }

    /// <summary>The id the site gave an account, by its e-mail.</summary>
    public Task<string> UserIdAsync(string email) =>
        WithDbAsync(db => db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken));

    /// <summary>The guest-key hash this browser's guest cookie stands for, as the site reads it.</summary>
    public string GuestKeyHashOf(FormClient browser)
    {
        var cookie = browser.Cookie(Readers.GuestCookie) ?? throw new InvalidOperationException("This browser has no guest cookie yet.");
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"{Readers.GuestCookie}={cookie}";
        return Services.GetRequiredService<Readers>().Current(context).GuestKeyHash!;
    }

    /// <summary>Gives a browser a guest cookie the way a reader gets one: by voting on a published comment.</summary>
    public async Task BecomeGuestAsync(FormClient browser, int approvedCommentId)
    {
        var form = await browser.GetFormAsync($"/comments/{approvedCommentId}/vote", "form.vote-form");
        using var response = await Press(browser, form, "Value", "1");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Sends a form as if this submit button was pressed (a button sends its name and value), after checking the page has it.</summary>
    public static async Task<HttpResponseMessage> Press(FormClient browser, Form form, string name, string value, params (string Name, string Value)[] extra)
    {
        Assert.NotNull(form.Element.QuerySelector($"button[name='{name}'][value='{value}']"));
        // A typed value takes the place of the field's own.
        var values = form.Values.Where(v => extra.All(e => e.Name != v.Key)).ToList();
        values.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)));
        values.Add(new(name, value));
        return await browser.Http.PostAsync(form.Action, new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
    }

    /// <summary>The queue page narrowed to one article, and its form.</summary>
    public static async Task<(IDocument Page, Form? Form)> QueueAsync(FormClient moderator, string slug, string? status = null, string more = "")
    {
        var page = await moderator.GetPageAsync($"/admin/moderation?article={slug}" + (status is null ? "" : $"&status={status}") + more);
        return (page, page.QuerySelector("#queue-form") is null ? null : moderator.Form(page, "#queue-form"));
    }

    public static IReadOnlyList<int> ItemIds(IDocument queue) =>
        queue.QuerySelectorAll(".queue-item").Select(li => int.Parse(li.GetAttribute("data-id")!)).ToList();
}
