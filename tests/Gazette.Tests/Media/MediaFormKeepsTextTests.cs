using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Gazette.Operations;
using Gazette.Tests.Accounts;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Operations;
using SkiaSharp;

namespace Gazette.Tests.Media;

/// <summary>
/// Issue 15 follow-up, "nothing typed is lost", on the media library's upload: with the database away the page's form
/// comes back with its description and asks for the file again (503), and the editor's script gets problem details;
/// a file that is not an image, or too large, is told on its field with the description kept.
/// </summary>
public sealed class MediaFormKeepsTextTests(OperationsSite site) : IClassFixture<OperationsSite>, IDisposable
{
    private const string Alt = "A chip held between two fingers, <small> & shiny";

    [Fact]
    public async Task AnUploadSentWhileTheDatabaseIsAwayComesBackWithItsDescriptionAndAsksForTheFileAgain()
    {
        using var author = await site.SignInAsAuthorAsync("media-away@example.com");
        var form = (await author.GetFormAsync("/admin/media", "form.media-upload"))
            .Set("Input.Alt", Alt).Attach("Input.File", TestImages.Encode(300, 200, SKEncodedImageFormat.Jpeg), "chip.jpg", "image/jpeg");
        site.DatabaseDown = true;

        using var refused = await form.SubmitAsync();

        var page = await author.ReadPageAsync(refused, 503);
        Assert.Equal(DatabaseOutageHandler.FormMessage, page.QuerySelector(".form-errors")!.TextContent);
        var again = author.Form(page, "form.outage-form");
        Assert.Equal(Alt, again["Input.Alt"]);
        AccountFormKeepsTextTests.AssertShown(page, "form.outage-form", "Input.Alt");
        Assert.Equal("multipart/form-data", again.Element.Enctype);
        Assert.NotNull(again.Element.QuerySelector("input[type=file][name='Input.File']"));
    }

    [Fact]
    public async Task AnUploadFromTheEditorWhileTheDatabaseIsAwayIsAnsweredWithProblemDetails503()
    {
        using var author = await site.SignInAsAuthorAsync("media-script-away@example.com");
        var token = (await author.GetPageAsync("/admin/media")).QuerySelector("form.media-upload input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(TestImages.Encode(300, 200, SKEncodedImageFormat.Jpeg)), "Input.File", "chip.jpg" },
            { new StringContent(Alt), "Input.Alt" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media") { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        site.DatabaseDown = true;

        using var response = await author.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(DatabaseOutageHandler.ApiMessage, problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AFileThatIsNotAnImageIsToldOnItsFieldWithTheDescriptionKept()
    {
        using var author = await site.SignInAsAuthorAsync("media-not-image@example.com");
        var form = (await author.GetFormAsync("/admin/media", "form.media-upload"))
            .Set("Input.Alt", Alt).Attach("Input.File", "plain text"u8.ToArray(), "notes.txt", "text/plain");

        using var refused = await form.SubmitAsync();

        var again = author.Form(await author.ReadPageAsync(refused), "form.media-upload");
        Assert.Equal(Alt, again["Input.Alt"]);
        Assert.Contains("JPEG, PNG, WebP or GIF", again.Element.QuerySelector(".field-error")!.TextContent);
    }

    [Fact]
    public async Task AFileOverTenMegabytesIsToldOnItsFieldWithTheDescriptionKept()
    {
        using var author = await site.SignInAsAuthorAsync("media-too-large@example.com");
        var content = new byte[10 * 1024 * 1024 + 1];
        TestImages.Encode(100, 100, SKEncodedImageFormat.Jpeg).CopyTo(content, 0);
        var form = (await author.GetFormAsync("/admin/media", "form.media-upload")).Set("Input.Alt", Alt).Attach("Input.File", content, "huge.jpg", "image/jpeg");

        using var refused = await form.SubmitAsync();

        var again = author.Form(await author.ReadPageAsync(refused), "form.media-upload");
        Assert.Equal(Alt, again["Input.Alt"]);
        Assert.Contains("larger than 10 MB", again.Element.QuerySelector(".field-error")!.TextContent);
    }

    public void Dispose() => site.DatabaseDown = false;
}
