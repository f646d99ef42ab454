using System.Net;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Newsroom;

/// <summary>Who may do what in the newsroom: authors write and submit their own articles; editors do everything.</summary>
public sealed class RoleTests(NewsroomSite site) : IClassFixture<NewsroomSite>
{
    [Fact]
    public async Task ReadersAndModeratorsCannotEnterTheNewsroom()
    {
        using var anonymous = new FormClient(site);
        using var response = await anonymous.Http.GetAsync("/admin/articles", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location!.AbsolutePath);

        using var moderator = await site.SignInAsStaffAsync("moderator@example.com", Gazette.Accounts.Roles.Moderator);
        using var refused = await moderator.Http.GetAsync("/admin/articles/new", TestContext.Current.CancellationToken);
        await moderator.AssertDeniedAsync(refused);
    }

    [Fact]
    public async Task AuthorCannotPublishOrSchedule()
    {
        using var author = await site.SignInAsAuthorAsync("no-publish@example.com");
        var form = (await author.NewArticleFormAsync()).Set("Input.Title", "Author tries to publish");
        Assert.Null(form.Element.QuerySelector("button[value=publish]"));

        // The button is not there; a forged request is refused all the same.
        using var response = await author.Http.PostAsync("/admin/articles/new",
            new FormUrlEncodedContent([.. form.Values, new("Do", "publish")]), TestContext.Current.CancellationToken);

        await author.AssertDeniedAsync(response);
        Assert.False(await site.WithDbAsync(db => Task.FromResult(db.Articles.Any(a => a.Title == "Author tries to publish"))));
    }

    [Fact]
    public async Task AuthorCannotOpenOrChangeAnotherAuthorsArticle()
    {
        using var writer = await site.SignInAsAuthorAsync("first-author@example.com");
        var id = await writer.WriteAsync("First author's draft", "Save draft");
        using var other = await site.SignInAsAuthorAsync("second-author@example.com");

        using var editor = await other.Http.GetAsync($"/admin/articles/{id}", TestContext.Current.CancellationToken);
        await other.AssertDeniedAsync(editor);
        using var revisions = await other.Http.GetAsync($"/admin/articles/{id}/revisions", TestContext.Current.CancellationToken);
        await other.AssertDeniedAsync(revisions);
        using var preview = await other.Http.GetAsync($"/admin/articles/{id}/preview", TestContext.Current.CancellationToken);
        await other.AssertDeniedAsync(preview);
        // A post with the other author's own valid token, aimed at this article.
        var form = await other.NewArticleFormAsync();
        using var post = await other.Http.PostAsync($"/admin/articles/{id}",
            new FormUrlEncodedContent([.. form.Set("Input.Title", "Taken over").Values, new("Do", "save")]), TestContext.Current.CancellationToken);
        await other.AssertDeniedAsync(post);
        Assert.Equal("First author's draft", await site.WithDbAsync(db => Task.FromResult(db.Articles.Single(a => a.Id == id).Title)));
    }

    [Fact]
    public async Task AuthorSeesOnlyTheirOwnArticlesInTheList()
    {
        using var author = await site.SignInAsAuthorAsync("list-author@example.com");
        await author.WriteAsync("Only mine in the list", "Save draft");

        var list = await author.GetPageAsync("/admin/articles");

        var titles = list.QuerySelectorAll(".article-table td.title").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["Only mine in the list"], titles);
        Assert.Null(list.QuerySelector("#filter-author"));
    }

    [Fact]
    public async Task AuthorWritesUnderTheirOwnBylineMadeOnTheirFirstArticle()
    {
        await site.EnsureUserAsync("byline@example.com", "Bea Byline", Gazette.Accounts.Roles.Author);
        using var author = await site.SignInAsAuthorAsync("byline@example.com");
        var form = await author.NewArticleFormAsync();
        Assert.Null(form.Element.QuerySelector("select[name='Input.AuthorId']"));

        var id = await author.WriteAsync("Bea's first", "Save draft");

        var byline = await site.WithDbAsync(db => Task.FromResult(db.Articles.Where(a => a.Id == id).Select(a => new { a.Author.Name, a.Author.Slug, a.Author.UserId }).Single()));
        var userId = await site.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == "byline@example.com").Id));
        Assert.Equal(("Bea Byline", "bea-byline", userId), (byline.Name, byline.Slug, byline.UserId));
    }

    [Fact]
    public async Task EditorEditsAndPublishesAnyonesArticle()
    {
        using var author = await site.SignInAsAuthorAsync("edited-author@example.com");
        var id = await author.WriteAsync("Written by an author", "Submit for review");
        using var editor = await site.SignInAsEditorAsync();

        await editor.EditAsync(id, "Publish now", form => form.Set("Input.Title", "Written by an author, edited"));

        var page = await site.GetPageAsync("/articles/written-by-an-author");
        Assert.Equal("Written by an author, edited", page.QuerySelector("article.story h1")!.TextContent);
        Assert.Equal("edited-author", page.QuerySelector(".byline a[rel=author]")!.TextContent);
    }
}
