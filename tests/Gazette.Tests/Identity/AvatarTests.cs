using System.Net;
using System.Xml.Linq;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Media;
using SkiaSharp;

namespace Gazette.Tests.Identity;

/// <summary>Issue 15: a picture beside every name, drawn or uploaded, all served by Gazette itself.</summary>
public sealed class AvatarTests(IdentitySite site) : IClassFixture<IdentitySite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryPictureInTheThreadIsGazettesOwnAndNamesNobody()
    {
        var page = await site.GetPageAsync(IdentitySite.Open);

        Assert.Equal(page.QuerySelectorAll(".comment-card").Length, page.QuerySelectorAll("img.comment-avatar").Length);
        var pictures = site.CommentOf.Values.Select(id => page.GetElementById($"comment-{id}")?.QuerySelector("img.comment-avatar")).OfType<AngleSharp.Dom.IElement>().ToList();
        Assert.Equal(5, pictures.Count);
        Assert.All(pictures, img =>
        {
            var src = img.GetAttribute("src")!;
            Assert.Matches("^/avatars/[0-9a-f]{20}\\.svg$", src);
            Assert.Equal("lazy", img.GetAttribute("loading"));
            Assert.Equal("32", img.GetAttribute("width"));
            Assert.Equal("32", img.GetAttribute("height"));
        });
        Assert.DoesNotContain(page.QuerySelectorAll("[src]"), e => e.GetAttribute("src")!.StartsWith("http", StringComparison.Ordinal)
            || e.GetAttribute("src")!.StartsWith("//", StringComparison.Ordinal));
        Assert.DoesNotContain(pictures, img => img.GetAttribute("src")!.Contains(site.MiaId, StringComparison.Ordinal)
            || img.GetAttribute("src")!.Contains("example.org", StringComparison.Ordinal));
        Assert.Equal(5, pictures.Select(img => img.GetAttribute("src")).Distinct().Count());
    }

    [Fact]
    public async Task ADrawnPictureIsAnSvgImageKeptForAYear()
    {
        var page = await site.GetPageAsync(IdentitySite.Open);
        var src = page.GetElementById($"comment-{site.CommentOf["Gus Guest"]}")!.QuerySelector("img.comment-avatar")!.GetAttribute("src")!;
        using var http = site.CreateClient();

        using var response = await http.GetAsync(src, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), svg.Root!.Name);
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName is "script" or "foreignObject");
    }

    [Theory]
    [InlineData("/avatars/not-a-key.svg")]
    [InlineData("/avatars/0123456789ABCDEF0123.svg")]
    public async Task AnAddressThatIsNotAKeyDrawsNothing(string url)
    {
        using var http = site.CreateClient();

        using var response = await http.GetAsync(url, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AMembersUploadedPictureIsCutToASmallSquareAndShownBesideTheirComments()
    {
        using var pia = await site.SignInAsStaffAsync("pia@example.org");
        var write = await pia.GetFormAsync(IdentitySite.Open + "/comment", "form.comment-form");
        using var posted = await write.Set("Body", "Pia with a picture").SubmitAsync();
        var commentId = posted.Headers.Location!.OriginalString.Split('/').Last();
        var before = await site.GetPageAsync(IdentitySite.Open);

        var upload = await pia.GetFormAsync("/account", "form.profile-picture");
        using var uploaded = await upload.Attach("picture", TestImages.Encode(300, 200, SKEncodedImageFormat.Png), "me.png", "image/png").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.StartsWith("/avatars/", before.GetElementById($"comment-{commentId}")!.QuerySelector("img.comment-avatar")!.GetAttribute("src"));
        var after = await site.GetPageAsync(IdentitySite.Open);
        var src = after.GetElementById($"comment-{commentId}")!.QuerySelector("img.comment-avatar")!.GetAttribute("src")!;
        Assert.Matches("^/media/avatars/[0-9a-f]+\\.jpg$", src);
        using var http = site.CreateClient();
        var bytes = await http.GetByteArrayAsync(src, Cancel);
        using var image = SKBitmap.Decode(bytes);
        Assert.Equal((96, 96), (image.Width, image.Height));
    }

    [Fact]
    public async Task AFileThatIsNotAnImageIsRefusedWithItsReason()
    {
        using var quinn = await site.SignInAsStaffAsync("quinn@example.org");
        var upload = await quinn.GetFormAsync("/account", "form.profile-picture");

        using var response = await upload.Attach("picture", "<svg onload=alert(1)>"u8.ToArray(), "me.png", "image/png").SubmitAsync();

        var page = await quinn.ReadPageAsync(response);
        Assert.Contains("not an image Gazette takes", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Null(await site.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users.Where(u => u.Email == "quinn@example.org").Select(u => u.AvatarPath), Cancel)));
    }
}
