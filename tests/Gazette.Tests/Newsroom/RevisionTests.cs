using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Newsroom;

/// <summary>Every save is kept: listed with who and why, compared line by line, and restored as a new save.</summary>
public sealed class RevisionTests(NewsroomSite site) : IClassFixture<NewsroomSite>
{
    [Fact]
    public async Task EverySaveIsListedWithWhenWhoAndWhat()
    {
        using var author = await site.SignInAsAuthorAsync("history-author@example.com");
        var id = await author.WriteAsync("With a history", "Save draft");
        await author.EditAsync(id, "Submit for review", form => form.Set("Input.Note", "ready now"));
        using var editor = await site.SignInAsEditorAsync();
        await editor.EditAsync(id, "Publish now");

        var page = await editor.GetPageAsync($"/admin/articles/{id}/revisions");

        var rows = page.QuerySelectorAll("tr[data-revision]")
            .Select(r => (r.GetAttribute("data-revision"), r.QuerySelector(".saved-by")!.TextContent, r.QuerySelector(".note")!.TextContent))
            .ToList();
        Assert.Equal([("3", "editor", "Published"), ("2", "history-author", "Submitted for review: ready now"), ("1", "history-author", "Created")], rows);
    }

    [Fact]
    public async Task ComparingTwoRevisionsShowsTheLinesThatChanged()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Compared story", "Save", "First line.\nSecond line.\nThird line.");
        await editor.EditAsync(id, "Save", form => form.Set("Input.Body", "First line.\nSecond line, corrected.\nThird line."));
        var compare = await editor.GetFormAsync($"/admin/articles/{id}/revisions", "#compare-form");

        var page = await editor.ReadPageAsync(await compare.SubmitAsync()); // the last two, chosen by default

        var body = page.QuerySelector("section.diff[data-field=Body]")!;
        Assert.Equal(["Second line."], body.QuerySelectorAll("li.removed del").Select(e => e.TextContent));
        Assert.Equal(["Second line, corrected."], body.QuerySelectorAll("li.added ins").Select(e => e.TextContent));
        Assert.Equal(["First line.", "Third line."], body.QuerySelectorAll("li.same").Select(e => e.TextContent));
        Assert.Null(page.QuerySelector("section.diff[data-field=Title]")); // unchanged fields are not shown
    }

    [Fact]
    public async Task RestoringARevisionBringsItsContentBackAsANewRevisionAndKeepsTheStatus()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Restorable story", "Publish now", "The original words.",
            form => form.Set("Input.Tags", "Originals"));
        await editor.EditAsync(id, "Save", form => form.Set("Input.Title", "Restorable story, spoiled").Set("Input.Body", "Spoiled words.").Set("Input.Tags", ""));
        var revisions = await editor.GetPageAsync($"/admin/articles/{id}/revisions");

        using var response = await editor.Form(revisions, "tr[data-revision='1'] form.restore-form").PressAsync("Restore revision 1");

        var after = await editor.FollowAsync(response);
        Assert.Equal("Restored revision 1.", after.QuerySelector(".form-done")!.TextContent);
        Assert.Equal("Restored revision 1", after.QuerySelector("tr[data-revision='3'] .note")!.TextContent);
        var page = await site.GetPageAsync("/articles/restorable-story");
        Assert.Equal("Restorable story", page.QuerySelector("article.story h1")!.TextContent);
        Assert.Equal("The original words.", page.QuerySelector(".story-body")!.TextContent.Trim());
        Assert.Equal(["Originals"], page.QuerySelectorAll(".story-tags a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task AnotherAuthorCannotRestoreARevision()
    {
        using var owner = await site.SignInAsAuthorAsync("owner-author@example.com");
        var id = await owner.WriteAsync("Owned history", "Save draft");
        var revisions = await owner.GetPageAsync($"/admin/articles/{id}/revisions");
        var form = owner.Form(revisions, "form.restore-form");
        using var other = await site.SignInAsAuthorAsync("meddling-author@example.com");
        var token = (await other.NewArticleFormAsync())["__RequestVerificationToken"]!;

        using var response = await other.Http.PostAsync(form.Action,
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("revision", form["revision"]!)]), TestContext.Current.CancellationToken);

        await other.AssertDeniedAsync(response);
    }

    [Fact]
    public async Task AnArticleFromBeforeTheNewsroomKeepsItsFirstVersionWhenFirstEdited()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await site.IdOfAsync("older-story");

        await editor.EditAsync(id, "Save", form => form.Set("Input.Body", "Rewritten."));

        var page = await editor.GetPageAsync($"/admin/articles/{id}/revisions");
        Assert.Equal("As it was before its first edit in the newsroom", page.QuerySelector("tr[data-revision='1'] .note")!.TextContent);
        var compare = await editor.GetPageAsync($"/admin/articles/{id}/revisions/compare");
        Assert.Equal(["Some text."], compare.QuerySelectorAll("section.diff[data-field=Body] del").Select(e => e.TextContent));
    }
}
