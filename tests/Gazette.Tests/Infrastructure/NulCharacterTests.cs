using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Gazette.Comments;
using Gazette.Tests.Moderation.Queue;
using Gazette.Tests.Newsroom;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Moderation.Queue.QueueSite;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// A NUL character (U+0000) answered 500 on PostgreSQL, which cannot store it, and was stored on SQLite. Now every text
/// a reader or staff member sends is refused alike on both databases when it holds one (issue 11): the API answers 400
/// problem details naming the field, a form comes back with the reason next to the field and the text kept (less the
/// NUL), an address holding one answers 400. Nothing is stored.
/// </summary>
public sealed class NulCharacterTests(QueueSite site) : IClassFixture<QueueSite>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("body")]
    [InlineData("authorName")]
    [InlineData("authorEmail")]
    public async Task TheApiRefusesACommentWithNulNamingTheField(string field)
    {
        var (article, slug) = await site.ArticleAsync($"Api nul {field} story");
        using var script = new ApiClient(site, "203.0.113.61");
        var comment = new Dictionary<string, string> { ["body"] = "A comment.", ["authorName"] = "Ana", ["authorEmail"] = "ana@example.org" };
        comment[field] = field == "authorEmail" ? "ana\0@example.org" : "with \0 inside";

        using var response = await script.PostAsync($"/api/v1/articles/{slug}/comments", comment);

        await AssertFieldProblemAsync(response, field);
        Assert.Equal(0, await CommentsOnAsync(article));
    }

    [Fact]
    public async Task ARawNulByteInJsonIsABadRequestNotAServerError()
    {
        var (article, slug) = await site.ArticleAsync("Api raw nul story");
        using var script = new ApiClient(site, "203.0.113.63");
        var token = (await ApiClient.JsonAsync(await script.Http.GetAsync("/api/v1/antiforgery", Cancel))).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/articles/{slug}/comments")
        {
            Content = new StringContent("{\"body\":\"raw \0 byte\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-CSRF-TOKEN", token);

        using var response = await script.Http.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CommentsOnAsync(article));
    }

    [Fact]
    public async Task TheApiRefusesALoneSurrogateNamingTheFieldNotWithAServerError()
    {
        var (article, slug) = await site.ArticleAsync("Api lone surrogate story");
        using var script = new ApiClient(site, "203.0.113.64");
        var token = (await ApiClient.JsonAsync(await script.Http.GetAsync("/api/v1/antiforgery", Cancel))).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/articles/{slug}/comments")
        {
            Content = new StringContent("""{"body":"fine","authorName":"lone \uD800 high"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-CSRF-TOKEN", token);

        using var response = await script.Http.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiClient.JsonAsync(response);
        Assert.Contains("lone surrogate", problem.GetProperty("errors").GetProperty("authorName")[0].GetString());
        Assert.Equal(0, await CommentsOnAsync(article));
    }

    [Fact]
    public async Task TheApiRefusesAnEditWithNulAndKeepsTheCommentAsItWas()
    {
        var (_, slug) = await site.ArticleAsync("Api nul edit story");
        using var script = new ApiClient(site, "203.0.113.62");
        var id = await script.CommentAsync(slug, "Before the edit.");

        using var response = await script.SendAsync(HttpMethod.Patch, $"/api/v1/comments/{id}", new { body = "After\0 the edit." });

        await AssertFieldProblemAsync(response, "body");
        var stored = await ApiClient.JsonAsync(await script.Http.GetAsync($"/api/v1/comments/{id}", Cancel));
        Assert.Equal("Before the edit.", stored.GetProperty("body").GetString());
    }

    [Fact]
    public async Task TheCommentFormComesBackWithTheReasonAndTheTextLessTheNul()
    {
        var (article, slug) = await site.ArticleAsync("Form nul story");
        using var reader = new FormClient(site);
        var form = await reader.GetFormAsync($"/articles/{slug}/comment", "form.comment-form");

        using var response = await form.Set("AuthorName", "Nul\0 Reader").Set("Body", "A long comment\0 worth keeping.").SubmitAsync();

        var page = await reader.ReadPageAsync(response, 400);
        Assert.Contains("NUL", FieldError(page, "Body"));
        Assert.Contains("NUL", FieldError(page, "AuthorName"));
        Assert.Contains("NUL character (U+0000)", page.QuerySelector(".form-errors")!.TextContent);
        var again = reader.Form(page, "form.comment-form");
        Assert.Equal(("A long comment worth keeping.", "Nul Reader"), (again["Body"], again["AuthorName"]));
        Assert.Equal(0, await CommentsOnAsync(article));
    }

    [Fact]
    public async Task TheEditFormComesBackWithTheReasonAndTheTextLessTheNul()
    {
        var (_, slug) = await site.ArticleAsync("Form nul edit story");
        using var reader = new FormClient(site);
        using var posted = await (await reader.GetFormAsync($"/articles/{slug}/comment", "form.comment-form")).Set("Body", "As first written.").SubmitAsync();
        var id = int.Parse(posted.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var form = await reader.GetFormAsync($"/comments/{id}/edit", "form.comment-form");

        using var response = await form.Set("Body", "Rewritten\0 with a NUL.").SubmitAsync();

        var page = await reader.ReadPageAsync(response, 400);
        Assert.Contains("NUL", FieldError(page, "Body"));
        Assert.Equal("Rewritten with a NUL.", page.QuerySelector<IHtmlTextAreaElement>("#Body")!.Value);
        Assert.Equal("As first written.", await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.Body).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task SignUpRefusesANameWithNul()
    {
        using var visitor = new FormClient(site);
        var form = await visitor.GetFormAsync("/account/sign-up");

        using var response = await form.Set("Input.DisplayName", "Nul\0 Member").Set("Input.Email", "nul.member@example.com")
            .Set("Input.Password", StaffAccounts.Password).Set("Input.ConfirmPassword", StaffAccounts.Password).SubmitAsync();

        var page = await visitor.ReadPageAsync(response, 400);
        Assert.Contains("NUL", FieldError(page, "Input.DisplayName"));
        Assert.Equal("Nul Member", visitor.Form(page)["Input.DisplayName"]);
        Assert.False(await site.WithDbAsync(db => db.Users.AnyAsync(u => u.NormalizedEmail == "NUL.MEMBER@EXAMPLE.COM", Cancel)));
    }

    [Fact]
    public async Task SignInRefusesAnEmailWithNul()
    {
        using var visitor = new FormClient(site);
        var form = await visitor.GetFormAsync("/account/sign-in");

        using var response = await form.Set("Input.Email", "someone\0@example.com").Set("Input.Password", "whatever").SubmitAsync();

        var page = await visitor.ReadPageAsync(response, 400);
        Assert.Contains("NUL", FieldError(page, "Input.Email"));
    }

    [Fact]
    public async Task TheNewsroomEditorRefusesATitleWithNulAndKeepsTheBody()
    {
        using var editor = await site.SignInAsEditorAsync();
        var form = (await editor.NewArticleFormAsync()).Set("Input.Title", "Nul\0 headline").Set("Input.Body", "The article's words.");

        using var response = await form.PressAsync("Save");

        var page = await editor.ReadPageAsync(response, 400);
        Assert.Contains("NUL", FieldError(page, "Input.Title"));
        var again = editor.Form(page, NewsroomForms.EditorForm);
        Assert.Equal(("Nul headline", "The article's words."), (again["Input.Title"], again["Input.Body"]));
        Assert.False(await site.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title.StartsWith("Nul"), Cancel)));
    }

    [Fact]
    public async Task TheSettingsRefuseASiteNameWithNul()
    {
        using var admin = await site.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync("/admin/settings");

        using var response = await form.Set("Input.Name", "The Nul\0 Gazette").SubmitAsync();

        var page = await admin.ReadPageAsync(response, 400);
        Assert.Contains("NUL", FieldError(page, "Input.Name"));
        Assert.NotEqual("The Nul Gazette", (await site.GetPageAsync("/")).QuerySelector("a.site-name")!.TextContent.Trim());
    }

    [Fact]
    public async Task AFlagNoteWithNulIsRefused()
    {
        var (article, _) = await site.ArticleAsync("Flag nul story");
        var id = await site.CommentAsync(article, "Flag me.", CommentStatus.Approved);
        using var reader = new FormClient(site);
        var form = await reader.GetFormAsync($"/comments/{id}/flag", "form.flag-form");

        using var response = await form.Set("Reason", "Other").Set("Note", "Because\0 of this.").SubmitAsync();

        var page = await reader.ReadPageAsync(response, 400);
        Assert.Contains("NUL", FieldError(page, "Note"));
        Assert.False(await site.WithDbAsync(db => db.CommentFlags.AnyAsync(f => f.CommentId == id, Cancel)));
    }

    [Fact]
    public async Task AnAppealWithNulIsRefused()
    {
        var (article, _) = await site.ArticleAsync("Appeal nul story");
        using var author = await site.SignInAsStaffAsync("nul.appealer@example.com");
        var id = await site.CommentAsync(article, "Not spam at all.", CommentStatus.Spam, userId: await site.UserIdAsync("nul.appealer@example.com"),
            record: Held("spam-check", "The spam check scored it 0.9 of 1.", 0.9));
        var status = await author.GetPageAsync($"/comments/{id}/status");

        using var response = await author.Form(status, "form.appeal-form").Set("Text", "Please\0 look again.").SubmitAsync();

        var page = await author.ReadPageAsync(response, 400);
        Assert.Contains("NUL", FieldError(page, "Text"));
        Assert.False(await site.WithDbAsync(db => db.Appeals.AnyAsync(a => a.CommentId == id, Cancel)));
    }

    [Fact]
    public async Task ABanReasonWithNulIsRefused()
    {
        using var moderator = await site.ModeratorAsync();
        var form = await moderator.GetFormAsync("/admin/moderation/bans/new", "form.ban-form");

        using var response = await form.Set("Input.Kind", "Email").Set("Input.Value", "nul.troll@example.com").Set("Input.Reason", "Flooding\0.")
            .Set("Input.Duration", "24").SubmitAsync();

        var page = await moderator.ReadPageAsync(response, 400);
        Assert.Contains("NUL", FieldError(page, "Input.Reason"));
        Assert.False(await site.WithDbAsync(db => db.Bans.AnyAsync(b => b.Reason.StartsWith("Flooding"), Cancel)));
    }

    /// <summary>The staff pages' filters and the addresses readers follow: refused with 400, never a server error.</summary>
    [Theory]
    [InlineData("/admin/articles?q=a%00b")]
    [InlineData("/admin/users?q=a%00b")]
    [InlineData("/admin/moderation?author=a%00b")]
    [InlineData("/admin/moderation?article=a%00b")]
    [InlineData("/admin/moderation/authors?guest=a%00b")]
    [InlineData("/admin/moderation/authors?email=a%00b")]
    [InlineData("/admin/moderation/log?moderator=a%00b")]
    [InlineData("/account/sign-in?returnUrl=%2Fa%00b")]
    [InlineData("/feed?page=%00")]
    public async Task AnAddressWithNulIsRefused(string url)
    {
        using var admin = await site.SignInAsAdministratorAsync();

        var page = await admin.GetPageAsync(url, 400);

        Assert.Contains("NUL", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task AnApiAddressWithNulIsRefusedWithProblemDetails()
    {
        var (_, slug) = await site.ArticleAsync("Api address nul story");
        using var script = new ApiClient(site);

        using var response = await script.Http.GetAsync($"/api/v1/articles/{slug}/comments?sort=new%00est", Cancel);

        await AssertFieldProblemAsync(response, "sort");
    }

    [Fact]
    public async Task SearchStillReadsNulAsASpaceBetweenWords()
    {
        using var reader = site.CreateReader();

        using var response = await reader.GetAsync("/search?q=calm%00story", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task AssertFieldProblemAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ApiClient.JsonAsync(response);
        Assert.Contains("NUL character (U+0000)", problem.GetProperty("detail").GetString());
        Assert.Contains("NUL", problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    /// <summary>The message next to a field (its validation message), or null.</summary>
    private static string? FieldError(IDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() is { Length: > 0 } message ? message : null;

    private Task<int> CommentsOnAsync(int article) => site.WithDbAsync(db => db.Comments.CountAsync(c => c.ArticleId == article, Cancel));
}
