using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gazette.Media;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Newsroom;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Gazette.Tests.Media;

/// <summary>
/// Issue 16: the media library at /admin/media. The editor's script uploads (or picks) an image there and gets the
/// Markdown to insert; the page finds images again and deletes those nothing shows.
/// </summary>
public sealed class MediaLibraryTests(NewsroomSite site) : IClassFixture<NewsroomSite>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>What the editor's script sends: the file (or an image's id), the texts, the form's token; JSON asked for.</summary>
    private static async Task<HttpResponseMessage> InsertAsync(FormClient staff, byte[]? file, string alt, string? caption = null, string? credit = null, int? id = null)
    {
        var token = (await staff.GetPageAsync("/admin/media")).QuerySelector("form.media-upload input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent();
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(part, "Input.File", "chip on a finger.jpg");
        }
        if (id is not null)
        {
            content.Add(new StringContent(id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Input.Id");
        }
        content.Add(new StringContent(alt), "Input.Alt");
        content.Add(new StringContent(caption ?? ""), "Input.Caption");
        content.Add(new StringContent(credit ?? ""), "Input.Credit");
        content.Add(new StringContent(token), "__RequestVerificationToken");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media") { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await staff.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<MediaLibraryPageModel.Inserted> InsertedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MediaLibraryPageModel.Inserted>(Web, TestContext.Current.CancellationToken))!;
    }

    private static byte[] Picture(int seed) => TestImages.Encode(1200, 800, SKEncodedImageFormat.Png, seed);

    [Fact]
    public async Task AnUploadAnswersItsAddressSizeAndTheMarkdownWithCaptionAndCredit()
    {
        using var author = await site.SignInAsAuthorAsync("media-author@example.com");

        var inserted = await InsertedAsync(await InsertAsync(author, Picture(1), "A red chip", "On a fingertip", "Photo: Ada"));

        // A PNG stays a PNG: the address the body links to is its lossless rendition, which is there.
        Assert.Matches("^/media/uploads/[0-9a-f]{32}-960\\.png$", inserted.Url);
        Assert.Equal((1200, 800), (inserted.Width, inserted.Height));
        Assert.Equal($"![A red chip]({inserted.Url} \"On a fingertip | Photo: Ada\")", inserted.Markdown);
        using var reader = site.CreateReader();
        using var image = await reader.GetAsync(inserted.Url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AnImageWithoutAltTextOrAFileThatIsNotAnImageIsRefusedWithAProblem()
    {
        using var author = await site.SignInAsAuthorAsync("media-refused@example.com");

        using var noAlt = await InsertAsync(author, Picture(2), "  ");
        using var notImage = await InsertAsync(author, "plain words"u8.ToArray(), "Words");

        Assert.Equal(HttpStatusCode.BadRequest, noAlt.StatusCode);
        Assert.Equal("application/problem+json", noAlt.Content.Headers.ContentType!.MediaType);
        Assert.Contains(MediaLibraryPageModel.NeedsAlt, await noAlt.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, notImage.StatusCode);
        Assert.Contains("not an image Gazette takes", await notImage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(await site.WithDbAsync(db => db.LibraryImages.AnyAsync(i => i.Alt == "Words", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task AnEarlierImageIsFoundByItsDescriptionAndReusedByItsId()
    {
        using var author = await site.SignInAsAuthorAsync("media-finder@example.com");
        var first = await InsertedAsync(await InsertAsync(author, Picture(3), "A harbour crane at dawn"));

        using var found = await author.Http.GetAsync("/admin/media?handler=search&q=CRANE", TestContext.Current.CancellationToken);
        var images = await found.Content.ReadFromJsonAsync<JsonElement[]>(Web, TestContext.Current.CancellationToken);
        var again = await InsertedAsync(await InsertAsync(author, null, "The crane again", id: first.Id));

        Assert.Equal([first.Id], images!.Select(i => i.GetProperty("id").GetInt32()));
        Assert.Equal((first.Url, "![The crane again](" + first.Url + ")"), (again.Url, again.Markdown));
        var page = await author.GetPageAsync("/admin/media?q=crane");
        Assert.Equal("The crane again", page.QuerySelector(".media-grid img")!.GetAttribute("alt"));
    }

    [Fact]
    public async Task AnUnusedImageIsDeletedWithItsFilesAndOneAnArticleShowsIsNot()
    {
        using var editor = await site.SignInAsEditorAsync();
        var shown = await InsertedAsync(await InsertAsync(editor, Picture(4), "A shown picture"));
        var unused = await InsertedAsync(await InsertAsync(editor, Picture(5), "An unused picture"));
        await editor.WriteAsync("Pictured in its body", "Publish now", $"Words.\n\n{shown.Markdown}\n");

        var page = await editor.GetPageAsync("/admin/media");
        Assert.Null(page.QuerySelector($"form[action*='id={shown.Id}']"));
        using var keep = await editor.Form(page, $"form[action*='id={unused.Id}']").PressAsync("Delete chip on a finger.jpg");
        var after = await editor.FollowAsync(keep);

        Assert.Equal("Deleted: chip on a finger.jpg.", after.QuerySelector(".form-done")!.TextContent.Trim());
        using var reader = site.CreateReader();
        using (var gone = await reader.GetAsync(unused.Url, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        using (var still = await reader.GetAsync(shown.Url, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        }
        Assert.True(await site.WithDbAsync(db => db.LibraryImages.AnyAsync(i => i.Id == shown.Id, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task AReaderCannotUploadOrListImages()
    {
        using var reader = site.CreateReader();

        using var list = await reader.GetAsync("/admin/media", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.StartsWith("/account/sign-in", list.Headers.Location!.IsAbsoluteUri ? list.Headers.Location.PathAndQuery : list.Headers.Location.OriginalString);
    }
}
