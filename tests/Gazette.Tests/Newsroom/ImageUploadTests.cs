using System.Net;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Newsroom;

/// <summary>The featured image: uploaded with the form, described, kept across refused forms, replaced or removed.</summary>
public sealed class ImageUploadTests(NewsroomSite site) : IClassFixture<NewsroomSite>
{
    [Fact]
    public async Task AJpegIsAcceptedAndThePublicPageShowsItInEveryWidth()
    {
        using var editor = await site.SignInAsEditorAsync();
        await editor.WriteAsync("Pictured story", "Publish now", fill: form => form
            .Attach("Input.ImageFile", NewsroomForms.Jpeg(), "chip.jpg", "image/jpeg").Set("Input.ImageAlt", "A chip on a fingertip"));

        var page = await site.GetPageAsync("/articles/pictured-story");

        var image = page.QuerySelector("article.story figure.featured-image img")!;
        Assert.Equal("A chip on a fingertip", image.GetAttribute("alt"));
        var widths = image.GetAttribute("srcset")!.Split(", ").Select(candidate => candidate.Split(' ')[1]).ToList();
        Assert.Equal(["480w", "960w", "1600w"], widths);
        using var reader = site.CreateReader();
        foreach (var source in image.GetAttribute("srcset")!.Split(", ").Select(candidate => candidate.Split(' ')[0]))
        {
            using var response = await reader.GetAsync(source, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task AFileThatIsNotAnImageIsRefusedBesideTheFieldAndNothingTypedIsLost()
    {
        using var editor = await site.SignInAsEditorAsync();
        var form = (await editor.NewArticleFormAsync()).Set("Input.Title", "Not a picture").Set("Input.Body", "Words to keep.")
            .Attach("Input.ImageFile", "just some text"u8.ToArray(), "notes.jpg", "image/jpeg").Set("Input.ImageAlt", "Text pretending");

        var page = await editor.ReadPageAsync(await form.PressAsync("Save"));

        Assert.NotNull(page.FieldError("Input.ImageFile"));
        var shown = editor.Form(page, NewsroomForms.EditorForm);
        Assert.Equal(("Not a picture", "Words to keep.", "Text pretending"), (shown["Input.Title"], shown["Input.Body"], shown["Input.ImageAlt"]));
        Assert.Null(page.QuerySelector(".kept-image"));
        Assert.False(await site.WithDbAsync(db => Task.FromResult(db.Articles.Any(a => a.Title == "Not a picture"))));
    }

    [Fact]
    public async Task AnImageUploadedWithARefusedFormIsKeptAndNeedsNoSecondUpload()
    {
        using var editor = await site.SignInAsEditorAsync();
        var form = (await editor.NewArticleFormAsync()).Set("Input.Body", "Title forgotten.")
            .Attach("Input.ImageFile", NewsroomForms.Jpeg(), "chip.jpg", "image/jpeg").Set("Input.ImageAlt", "A kept chip");
        var refused = await editor.ReadPageAsync(await form.PressAsync("Save"));
        Assert.Equal("Give the article a title.", refused.FieldError("Input.Title"));
        Assert.Null(refused.FieldError("Input.ImageFile"));
        Assert.NotNull(refused.QuerySelector(".kept-image img"));

        using var response = await editor.Form(refused, NewsroomForms.EditorForm).Set("Input.Title", "Kept picture").PressAsync("Publish now");
        await NewsroomForms.SavedAsync(editor, response);

        var page = await site.GetPageAsync("/articles/kept-picture");
        Assert.Equal("A kept chip", page.QuerySelector("figure.featured-image img")!.GetAttribute("alt"));
    }

    [Fact]
    public async Task AnImageNeedsADescription()
    {
        using var editor = await site.SignInAsEditorAsync();
        var form = (await editor.NewArticleFormAsync()).Set("Input.Title", "Undescribed picture")
            .Attach("Input.ImageFile", NewsroomForms.Jpeg(), "chip.jpg", "image/jpeg");

        var page = await editor.ReadPageAsync(await form.PressAsync("Save"));

        Assert.Equal("Describe the image for readers who cannot see it.", page.FieldError("Input.ImageAlt"));
        Assert.NotNull(page.QuerySelector(".kept-image img"));
    }

    [Fact]
    public async Task TheImageStaysWhenNoFileIsChosenAndGoesWhenRemoved()
    {
        using var editor = await site.SignInAsEditorAsync();
        var id = await editor.WriteAsync("Already pictured", "Publish now");
        await site.WithDbAsync(async db =>
        {
            var article = db.Articles.Single(a => a.Id == id);
            article.Image = new FeaturedImage { Path = "demo/already-pictured", Alt = "The old picture", Width = 1600, Height = 900 };
            await db.SaveChangesAsync();
        });

        await editor.EditAsync(id, "Save", form => form.Set("Input.Title", "Already pictured, retitled").Set("Input.ImageAlt", "The old picture, described again"));
        var kept = await ImageOfAsync(id);
        Assert.Equal(("demo/already-pictured", "The old picture, described again", 1600, 900), (kept!.Path, kept.Alt, kept.Width, kept.Height));

        await editor.EditAsync(id, "Save", form => form.Check("Input.RemoveImage"));
        Assert.Null(await ImageOfAsync(id));
        Assert.Null((await site.GetPageAsync("/articles/already-pictured")).QuerySelector("figure.featured-image"));
    }

    [Fact]
    public async Task AForgedKeptImageIsNotTaken()
    {
        using var editor = await site.SignInAsEditorAsync();
        var form = (await editor.NewArticleFormAsync()).Set("Input.Title", "Forged picture").Set("Input.KeptImage", "1600|900|../../secrets/ip-hash.key")
            .Set("Input.ImageAlt", "Forged");

        var page = await editor.ReadPageAsync(await form.PressAsync("Save"));

        Assert.Equal("The image chosen before could not be kept. Choose it again.", page.FieldError("Input.ImageFile"));
    }

    private Task<FeaturedImage?> ImageOfAsync(int id) =>
        site.WithDbAsync(db => Task.FromResult(db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => a.Image).Single()));
}
