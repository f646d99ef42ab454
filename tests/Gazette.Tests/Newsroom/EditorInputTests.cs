using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Newsroom;

/// <summary>What is typed is never lost: refused forms come back as typed, with a message beside each wrong field.</summary>
public sealed class EditorInputTests(NewsroomSite site) : IClassFixture<NewsroomSite>
{
    [Fact]
    public async Task EveryNaughtyStringComesBackAsTypedInTitleAndBodyWhenTheFormIsRefused()
    {
        using var author = await site.SignInAsAuthorAsync("naughty-author@example.com");
        var blank = await author.NewArticleFormAsync();
        var changed = new List<string>();

        foreach (var line in SharedCorpora.NaughtyStrings())
        {
            var form = author.Form(blank.Element.Owner!, NewsroomForms.EditorForm)
                .Set("Input.Title", line).Set("Input.Body", line).Set("Input.Excerpt", line).Set("Input.Slug", "not a slug");
            var page = await author.ReadPageAsync(await form.PressAsync("Save draft"));
            var shown = author.Form(page, NewsroomForms.EditorForm);
            Assert.NotNull(page.FieldError("Input.Slug"));
            if (CarriedByHtmlForms(line) && (shown["Input.Title"] != line || shown["Input.Body"] != line || shown["Input.Excerpt"] != line))
            {
                changed.Add(line);
            }
        }

        Assert.Empty(changed);
    }

    /// <summary>
    /// What an HTML form can give back as typed. Not C0 and C1 control characters: a parser turns &amp;#x80; into €,
    /// as browsers do. Not a leading U+FEFF either: ASP.NET Core's multipart reader takes it for a byte-order mark
    /// and drops it (harmless in a title, and beyond the app's reach).
    /// </summary>
    private static bool CarriedByHtmlForms(string line) =>
        !line.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) && !line.StartsWith('\uFEFF');

    [Fact]
    public async Task NaughtyTitlesAndBodiesAreStoredExactlyAndShownAsText()
    {
        using var editor = await site.SignInAsEditorAsync();
        var lines = SharedCorpora.NaughtyStrings().Where(l => l.Trim().Length > 0 && l == l.Trim() && l.Length <= 300 && CarriedByHtmlForms(l)).Take(40).ToList();

        for (var i = 0; i < lines.Count; i++)
        {
            var id = await editor.WriteAsync(lines[i], "Publish now", lines[i], form => form.Set("Input.Slug", $"naughty-{i}"));
            var form = await editor.EditorFormAsync(id);
            Assert.Equal((lines[i], lines[i]), (form["Input.Title"], form["Input.Body"]));
            var page = await site.GetPageAsync($"/articles/naughty-{i}");
            Assert.Equal(lines[i], page.QuerySelector("article.story h1")!.TextContent);
            Assert.Empty(page.QuerySelectorAll(".story-body script, .story-body [onerror], .story-body [onload]"));
        }
    }

    [Fact]
    public async Task MissingTitleIsToldAndEverythingElseStays()
    {
        using var editor = await site.SignInAsEditorAsync();
        var form = (await editor.NewArticleFormAsync())
            .Set("Input.Body", "A body with *emphasis*.").Set("Input.Excerpt", "An excerpt.").Set("Input.Tags", "One, Two")
            .Set("Input.CategoryId", await site.WithDbAsync(db => Task.FromResult(db.Categories.Single(c => c.Slug == "chips").Id.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Check("Input.CommentsClosed");

        var page = await editor.ReadPageAsync(await form.PressAsync("Save"));

        Assert.Equal("Give the article a title.", page.FieldError("Input.Title"));
        Assert.Equal("Give the article a title.", page.QuerySelector(".form-errors a[href='#Input_Title']")!.TextContent);
        var shown = editor.Form(page, NewsroomForms.EditorForm);
        Assert.Equal(("A body with *emphasis*.", "An excerpt.", "One, Two", "on"),
            (shown["Input.Body"], shown["Input.Excerpt"], shown["Input.Tags"], shown["Input.CommentsClosed"] is null ? null : "on"));
        Assert.Equal("Chips", page.QuerySelector("select[name='Input.CategoryId'] option:checked")!.TextContent);
    }

    [Fact]
    public async Task ATagWithoutLettersIsRefused()
    {
        using var editor = await site.SignInAsEditorAsync();
        var form = (await editor.NewArticleFormAsync()).Set("Input.Title", "Tagged oddly").Set("Input.Tags", "Fine, ???");

        var page = await editor.ReadPageAsync(await form.PressAsync("Save"));

        Assert.Equal("The tag “???” has no letters or digits to make its address from. Reword it.", page.FieldError("Input.Tags"));
    }

    [Fact]
    public async Task NewTagsAreMadeAndExistingOnesReused()
    {
        using var editor = await site.SignInAsEditorAsync();
        await editor.WriteAsync("Tagged first", "Publish now", fill: form => form.Set("Input.Tags", "Batteries, Solid state"));

        await editor.WriteAsync("Tagged second", "Publish now", fill: form => form.Set("Input.Tags", "batteries, New tag"));

        var tags = await site.WithDbAsync(db => Task.FromResult(db.Tags.OrderBy(t => t.Slug).Select(t => t.Slug + "=" + t.Name).ToList()));
        Assert.Equal(["batteries=Batteries", "new-tag=New tag", "solid-state=Solid state"], tags);
        var page = await site.GetPageAsync("/tag/batteries");
        Assert.Equal(2, page.QuerySelectorAll(".article-list > li").Length);
    }
}
