using System.Net;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Newsroom;

namespace Gazette.Tests.SitePages;

/// <summary>
/// Issue 13: a real site needs standalone pages (About, Contact, a comment policy) at their own addresses, written
/// in the newsroom by editors and linked from the footer where chosen; imported WordPress pages land here too.
/// </summary>
public sealed class StandalonePageTests(NewsroomSite site) : IClassFixture<NewsroomSite>
{
    private const string EditorForm = "form.editor-form";

    private static async Task<HttpResponseMessage> SaveAsync(FormClient editor, string url, string title, string body, string? slug = null,
        bool published = true, bool inFooter = false, int order = 0)
    {
        var form = (await editor.GetFormAsync(url, EditorForm)).Set("Input.Title", title).Set("Input.Body", body)
            .Check("Input.Published", published).Check("Input.InFooter", inFooter).Set("Input.FooterOrder", order.ToString());
        if (slug is not null)
        {
            form.Set("Input.Slug", slug);
        }
        return await form.SubmitAsync();
    }

    [Fact]
    public async Task AnEditorPublishesAPageThatReadersFindAtItsAddressAndInEveryFooter()
    {
        using var editor = await site.SignInAsStaffAsync("pages-editor@example.com", Gazette.Accounts.Roles.Editor);
        using var anonymous = new FormClient(site);
        var homeBefore = await anonymous.GetPageAsync("/");

        using var saved = await SaveAsync(editor, "/admin/pages/new", "About the paper", "We report on **chips**.\n\n<script>alert(1)</script>",
            inFooter: true);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await anonymous.GetPageAsync("/pages/about-the-paper");
        var home = await anonymous.GetPageAsync("/");
        var sitemap = await anonymous.Http.GetStringAsync("/sitemap.xml", TestContext.Current.CancellationToken);

        Assert.Equal("About the paper", page.QuerySelector("main h1")?.TextContent);
        Assert.Equal("chips", page.QuerySelector(".story-body strong")?.TextContent);
        Assert.Null(page.QuerySelector(".story-body script"));
        Assert.Null(homeBefore.QuerySelector("footer a[href='/pages/about-the-paper']"));
        Assert.Equal("About the paper", home.QuerySelector("footer a[href='/pages/about-the-paper']")?.TextContent);
        Assert.Contains("/pages/about-the-paper</loc>", sitemap);
        using var oneWord = await anonymous.Http.GetAsync("/about-the-paper/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MovedPermanently, oneWord.StatusCode);
        Assert.Equal("/pages/about-the-paper", oneWord.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ADraftPageIsNotFoundAndNotInTheFooter()
    {
        using var editor = await site.SignInAsStaffAsync("draft-pages@example.com", Gazette.Accounts.Roles.Editor);
        using var saved = await SaveAsync(editor, "/admin/pages/new", "Contact us soon", "Not yet.", published: false, inFooter: true);
        using var anonymous = new FormClient(site);

        using var response = await anonymous.Http.GetAsync("/pages/contact-us-soon", TestContext.Current.CancellationToken);
        var home = await anonymous.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(home.QuerySelector("footer a[href='/pages/contact-us-soon']"));
    }

    [Fact]
    public async Task AnAddressAnotherPageHasIsRefusedAndTheFormKeepsTheText()
    {
        using var editor = await site.SignInAsStaffAsync("taken-pages@example.com", Gazette.Accounts.Roles.Editor);
        using var first = await SaveAsync(editor, "/admin/pages/new", "Policy", "The first policy.", slug: "comment-policy");

        using var twice = await SaveAsync(editor, "/admin/pages/new", "Second policy", "Words kept as typed.", slug: "comment-policy");
        var twicePage = await editor.ReadPageAsync(twice);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("Another page already lives at /pages/comment-policy", twicePage.QuerySelector(".form-errors")?.TextContent);
        Assert.Equal("Words kept as typed.", twicePage.QuerySelector("textarea[name='Input.Body']")?.TextContent.Trim());
        Assert.Equal(1, await site.WithDbAsync(db => Task.FromResult(db.SitePages.Count(p => p.Slug == "comment-policy"))));
    }

    [Fact]
    public async Task AnEditedPageShowsItsNewTextAndADeletedOneIsGoneFromTheFooter()
    {
        using var editor = await site.SignInAsStaffAsync("edit-pages@example.com", Gazette.Accounts.Roles.Editor);
        using var saved = await SaveAsync(editor, "/admin/pages/new", "Masthead", "Old names.", inFooter: true);
        var editUrl = saved.Headers.Location!.OriginalString.Split('?')[0];
        using var anonymous = new FormClient(site);
        await anonymous.GetPageAsync("/pages/masthead");

        using var edited = await SaveAsync(editor, editUrl, "Masthead", "New names.", inFooter: true);
        var after = await anonymous.GetPageAsync("/pages/masthead");
        var deleteForm = await editor.GetFormAsync(editUrl, "form[action*='handler=Delete']");
        using var deleted = await deleteForm.SubmitAsync();
        using var gone = await anonymous.Http.GetAsync("/pages/masthead", TestContext.Current.CancellationToken);
        var home = await anonymous.GetPageAsync("/");

        Assert.Contains("New names.", after.QuerySelector(".story-body")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Null(home.QuerySelector("footer a[href='/pages/masthead']"));
    }

    [Fact]
    public async Task AnAuthorCannotWritePages()
    {
        using var author = await site.SignInAsAuthorAsync("pages-author@example.com");
        using var response = await author.Http.GetAsync("/admin/pages/new", TestContext.Current.CancellationToken);
        await author.AssertDeniedAsync(response);
    }
}
