using Gazette.Core.Import.WordPress;

namespace Gazette.Tests.Core.Import;

/// <summary>
/// The reader and the body conversion on an export made by Debian's WordPress 6.1 with its own exporter
/// (tests/fixtures-wordpress/make-export.sh made Fixtures/import/wordpress-export.xml; issue 13).
/// </summary>
public sealed class WordPressExportFixtureTests
{
    private static readonly List<WxrRecord> Records = Read();

    private static List<WxrRecord> Read()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "import", "wordpress-export.xml"));
        return WxrReader.Read(file).ToList();
    }

    private static WxrItem Post(string slug) => Records.OfType<WxrItem>().Single(i => i.Slug == slug);

    [Fact]
    public void EveryStatusTheExporterWritesIsRead()
    {
        Assert.Empty(Records.OfType<WxrProblem>());
        Assert.Equal("http://old-gazette.example", Assert.IsType<WxrSite>(Records[0]).BaseBlogUrl);
        Assert.Equal(["draft", "future", "pending", "private", "publish", "publish", "publish", "publish", "trash"],
            Records.OfType<WxrItem>().Where(i => i.PostType is "post" or "page").Select(i => i.Status).Order());
        // The exporter lists the authors of posts only.
        Assert.Equal(["jonas.b", "mara"], Records.OfType<WxrAuthor>().Select(a => a.Login).Order());
    }

    [Fact]
    public void NestedCategoriesKeepTheirParents()
    {
        var categories = Records.OfType<WxrTerm>().Where(t => t.Taxonomy == WxrTaxonomy.Category).ToDictionary(t => t.Slug);

        Assert.Equal("phones", categories["foldables"].ParentSlug);
        Assert.Equal("hardware", categories["phones"].ParentSlug);
        Assert.Null(categories["hardware"].ParentSlug);
        Assert.Equal("Devices and the parts inside them.", categories["hardware"].Description);
    }

    [Fact]
    public void ThePostKeepsItsOldSlugFeaturedImageTermsAndEveryComment()
    {
        var fold = Post("lumara-fold-2-a-year-later");
        var comments = Records.OfType<WxrComment>().Where(c => c.PostId == fold.PostId).ToList();

        Assert.Equal(["lumara-fold-2-one-year"], fold.OldSlugs);
        var thumbnail = long.Parse(fold.MetaValue("_thumbnail_id")!);
        Assert.Equal("fold-hinge.png", Records.OfType<WxrItem>().Single(i => i.PostId == thumbnail).AttachmentUrl!.Split('/')[^1]);
        Assert.Contains(new WxrItemTerm("category", "foldables", "Foldables"), fold.Terms);
        Assert.Contains(fold.Terms, t => t.Domain == "post_tag" && t.Slug == "long-term-test");
        Assert.Equal(new DateTime(2021, 3, 2, 8, 15, 0, DateTimeKind.Utc), fold.PostDateGmt); // Berlin, winter time
        Assert.Equal(11, comments.Count);
        Assert.Equal(["0", "1", "trash"], comments.Select(c => c.Approved).Distinct().Order());
        Assert.Equal(["pingback", "trackback"], comments.Where(c => c.IsPing).Select(c => c.Type).Order());
        var deepest = comments.Single(c => c.Content.Contains("nobody believed me"));
        var chain = new List<long>();
        for (var c = deepest; c is not null; c = comments.SingleOrDefault(p => p.Id == c.ParentId))
        {
            chain.Add(c.Id);
        }
        Assert.Equal(4, chain.Count);
        Assert.Contains(comments, c => c.Content == "" && c.Author == "Empty");
        Assert.Contains(comments, c => c.Author == "" && c.Content == "No name given.");
        Assert.Contains(comments, c => c.ParentId != 0 && comments.Single(p => p.Id == c.ParentId).Approved == "trash");
    }

    [Fact]
    public void TheClassicPostLooksAsItDidAndTheBlockPostKeepsItsMarkup()
    {
        var media = Records.OfType<WxrItem>().Where(i => i.PostType == "attachment")
            .Select(i => new WordPressMedia(i.PostId, i.AttachmentUrl!, i.MetaValue("_wp_attachment_image_alt"), i.Excerpt, i.ParentId, i.MenuOrder)).ToList();
        var fold = Post("lumara-fold-2-a-year-later");

        var html = WordPressBody.ToHtml(fold.Content, id => media.SingleOrDefault(m => m.Id == id), () => media.Where(m => m.ParentId == fold.PostId));

        Assert.StartsWith("<p>We carried the Fold 2 for twelve months", html);
        Assert.Contains("<h2>The screen</h2>\n<p>The inner screen lost its original protector in month four. A replacement costs 49 euros<br />\nand takes a shop ten minutes.</p>", html);
        Assert.Contains("<figcaption>The hinge after a year</figcaption>", html);
        Assert.Equal(2, html.Split("<figure><img ").Length - 1);
        Assert.Contains("<figure class=\"embed\"><a href=\"https://www.youtube.com/watch?v=old-gazette-fold\">", html);
        Assert.Contains("<pre>adb shell dumpsys battery\n\n  level: 86</pre>", html);
        Assert.Equal("We carried the Fold 2 for twelve months, in jeans, in a bike bag and once into the sea.\n\nThe hinge still closes with the same click; the crease is easier to feel than to see.\n",
            WordPressBody.Teaser(fold.Content));
        var solar = Post("solar-roads-revisited");
        Assert.Equal(solar.Content, WordPressBody.ToHtml(solar.Content, _ => null, () => []));
        Assert.Equal("closed", solar.CommentStatus);
    }
}
