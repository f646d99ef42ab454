using System.Net;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Newsroom;

/// <summary>Addresses: made from the title, checked, unique; a published article's old addresses lead to its new one.</summary>
public sealed class SlugTests(NewsroomSite site) : IClassFixture<NewsroomSite>
{
    [Fact]
    public async Task AnEmptyAddressIsMadeFromTheTitle()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Zoë’s Café: a “review”", "Save");

        Assert.Equal("zoes-cafe-a-review", (await editor.EditorFormAsync(id))["Input.Slug"]);
    }

    [Fact]
    public async Task AnAddressThatIsNotASlugIsRefusedWithWhatToWrite()
    {
        using var editor = await site.SignInAsEditorAsync();
        var form = (await editor.NewArticleFormAsync()).Set("Input.Title", "Badly addressed").Set("Input.Slug", "Not a Slug!");

        var page = await editor.ReadPageAsync(await form.PressAsync("Save"));

        Assert.StartsWith("Use only lowercase letters a–z, digits, and single hyphens", page.FieldError("Input.Slug"));
        Assert.Equal("Not a Slug!", editor.Form(page, NewsroomForms.EditorForm)["Input.Slug"]);
    }

    [Fact]
    public async Task ATakenAddressIsRefusedNamingTheArticleThatHasIt()
    {
        using var editor = await site.SignInAsEditorAsync();
        var form = (await editor.NewArticleFormAsync()).Set("Input.Title", "Another middle").Set("Input.Slug", "middle-story");

        var page = await editor.ReadPageAsync(await form.PressAsync("Save"));

        Assert.Equal("The address /articles/middle-story is taken by “Middle story”. Choose another.", page.FieldError("Input.Slug"));
    }

    [Fact]
    public async Task OldAddressesOfARenamedArticleRedirectStraightToItsCurrentOneKeepingTheQuery()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Rename me A", "Publish now", fill: form => form.Set("Input.Slug", "rename-a"));
        await editor.EditAsync(id, "Save", form => form.Set("Input.Slug", "rename-b"));
        await editor.EditAsync(id, "Save", form => form.Set("Input.Slug", "rename-c"));

        using var reader = site.CreateReader();
        foreach (var old in new[] { "rename-a", "rename-b" })
        {
            using var response = await reader.GetAsync($"/articles/{old}?page=2", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal("/articles/rename-c?page=2", response.Headers.Location!.OriginalString);
        }
        await site.GetPageAsync("/articles/rename-c");
    }

    [Fact]
    public async Task AnArticleMayTakeBackItsOwnFormerAddress()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Back and forth", "Publish now");
        await editor.EditAsync(id, "Save", form => form.Set("Input.Slug", "forth-and-back"));

        await editor.EditAsync(id, "Save", form => form.Set("Input.Slug", "back-and-forth"));

        await site.GetPageAsync("/articles/back-and-forth");
        using var reader = site.CreateReader();
        using var response = await reader.GetAsync("/articles/forth-and-back", TestContext.Current.CancellationToken);
        Assert.Equal("/articles/back-and-forth", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnotherArticlesFormerAddressIsRefusedSoOldLinksKeepWorking()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("First holder", "Publish now", fill: form => form.Set("Input.Slug", "coveted-address"));
        await editor.EditAsync(id, "Save", form => form.Set("Input.Slug", "first-holder"));
        var form = (await editor.NewArticleFormAsync()).Set("Input.Title", "Second holder").Set("Input.Slug", "coveted-address");

        var page = await editor.ReadPageAsync(await form.PressAsync("Save"));

        Assert.Equal("/articles/coveted-address was the address of “First holder” and still leads there, so old links keep working. Choose another.",
            page.FieldError("Input.Slug"));
    }

    [Fact]
    public async Task ADraftsAddressChangesWithoutLeavingARedirect()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Never out", "Save");
        await editor.EditAsync(id, "Save", form => form.Set("Input.Slug", "never-out-renamed"));
        await editor.EditAsync(id, "Publish now");

        await site.GetPageAsync("/articles/never-out", 404);
    }
}
