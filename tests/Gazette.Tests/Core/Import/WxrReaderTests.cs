using System.Text;
using Gazette.Core.Import.WordPress;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Core.Import;

/// <summary>The WXR reader on WordPress's theme unit test data (an export by WordPress.com) and on hand-cut damage (issue 13).</summary>
public sealed class WxrReaderTests
{
    private static List<WxrRecord> ReadThemeUnitTest()
    {
        using var file = File.OpenRead(SharedCorpora.PathOf("wordpress-theme-unit-test.xml"));
        return WxrReader.Read(file).ToList();
    }

    private static List<WxrRecord> Read(string xml) => WxrReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml))).ToList();

    [Fact]
    public void TheHighestCommentIdIsFoundInOnePassOverAFileAndWhatWasReadOfABrokenOne()
    {
        using var file = File.OpenRead(SharedCorpora.PathOf("wordpress-theme-unit-test.xml"));
        var expected = ReadThemeUnitTest().OfType<WxrComment>().Max(c => c.Id);

        Assert.Equal(expected, WxrReader.HighestCommentId(file));
        Assert.True(file.CanRead, "The file stays open to be read again.");
        const string Wxr = """<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><wp:comment><wp:comment_id>7</wp:comment_id></wp:comment><wp:comment><wp:comment_id> 41 </wp:comment_id></wp:comment><wp:comment><wp:comment_id>x</wp:comment_id></wp:comment><wp:comment><wp:comment_id>99</wp:comment_id><broken></item>""";
        Assert.Equal(99, WxrReader.HighestCommentId(new MemoryStream(Encoding.UTF8.GetBytes(Wxr))));
        Assert.Equal(0, WxrReader.HighestCommentId(new MemoryStream("<rss/>"u8.ToArray())));
    }

    [Fact]
    public void EveryAuthorTermItemAndCommentOfTheThemeUnitTestIsRead()
    {
        var records = ReadThemeUnitTest();

        Assert.Empty(records.OfType<WxrProblem>());
        var site = Assert.IsType<WxrSite>(records[0]);
        Assert.Equal("Theme Unit Test Data", site.Title);
        Assert.Equal("https://wpthemetestdata.wordpress.com", site.BaseBlogUrl);
        Assert.Equal("1.2", site.WxrVersion);
        Assert.Equal(["themedemos", "themereviewteam"], records.OfType<WxrAuthor>().Select(a => a.Login));
        Assert.Equal(68, records.OfType<WxrTerm>().Count(t => t.Taxonomy == WxrTaxonomy.Category)); // the wp:term category repeats one of them
        Assert.Equal(110, records.OfType<WxrTerm>().Count(t => t.Taxonomy == WxrTaxonomy.Tag));
        var items = records.OfType<WxrItem>().ToList();
        Assert.Equal(186, items.Count);
        Assert.Equal(58, items.Count(i => i.PostType == "post"));
        Assert.Equal(21, items.Count(i => i.PostType == "page"));
        Assert.Equal(37, items.Count(i => i.PostType == "attachment"));
        Assert.Equal(33, records.OfType<WxrComment>().Count());
        Assert.Equal(4, records.OfType<WxrComment>().Count(c => c.IsPing));
    }

    [Fact]
    public void CommentsFollowTheirItemWithParentsDatesAndStatusAsExported()
    {
        var records = ReadThemeUnitTest();

        var page = records.OfType<WxrItem>().Single(i => i.Slug == "page-with-comments");
        var after = records.Skip(records.IndexOf(page) + 1).TakeWhile(r => r is WxrComment).Cast<WxrComment>().ToList();
        Assert.Equal([167L, 168, 169, 1017], after.Select(c => c.Id));
        Assert.All(after, c => Assert.Equal(155, c.PostId));
        Assert.Equal("page", page.PostType);
        Assert.Equal(new DateTime(2007, 9, 4, 17, 47, 47, DateTimeKind.Utc), page.PostDateGmt);
        Assert.StartsWith("Repository-hosted Themes are required", page.Content);
        var pending = after.Single(c => c.Id == 1017);
        Assert.Equal(("0", 168L, "nothing useful to say"), (pending.Approved, pending.ParentId, pending.Content));
        Assert.Equal(new DateTime(2014, 12, 10, 8, 56, 24, DateTimeKind.Utc), pending.DateGmt);
        Assert.Equal("anon@example.com", after[0].AuthorEmail);
        Assert.Null(after[0].AuthorUrl);
    }

    [Fact]
    public void AnItemCarriesItsCategoriesTagsAndOldSlugs()
    {
        var items = ReadThemeUnitTest().OfType<WxrItem>().ToList();

        Assert.Contains(items, i => i.OldSlugs.Any());
        var tagged = items.First(i => i.Terms.Any(t => t.Domain == "post_tag") && i.Terms.Any(t => t.Domain == "category"));
        Assert.All(tagged.Terms, t => Assert.False(string.IsNullOrEmpty(t.Slug)));
    }

    private const string Head = """
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.1/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.1/"><channel><title>Old site</title>
        """;

    [Fact]
    public void ABadRecordIsListedWithWhatIsKnownOfItAndReadingGoesOn()
    {
        var records = Read(Head + """
            <item><title>No id</title><guid>http://old.example/?p=1</guid></item><item><wp:post_id>2</wp:post_id><wp:post_type>post</wp:post_type>
            <wp:comment><wp:comment_author>x</wp:comment_author></wp:comment><wp:comment><wp:comment_id>9</wp:comment_id><wp:comment_parent>8</wp:comment_parent>
            <wp:comment_content><![CDATA[Split ]]]]><![CDATA[> here]]></wp:comment_content></wp:comment></item><wp:tag><wp:tag_name>untitled</wp:tag_name></wp:tag>
            </channel></rss>
            """);

        Assert.Collection(records,
            r => Assert.Equal("Old site", Assert.IsType<WxrSite>(r).Title),
            r => Assert.Equal(("item", "http://old.example/?p=1"), (Assert.IsType<WxrProblem>(r).Kind, ((WxrProblem)r).SourceId)),
            r => Assert.Equal(2, Assert.IsType<WxrItem>(r).PostId),
            r => Assert.Equal(("comment", "post 2"), (Assert.IsType<WxrProblem>(r).Kind, ((WxrProblem)r).SourceId)),
            r => Assert.Equal((9L, 2L, 8L, "Split ]]> here"), (Assert.IsType<WxrComment>(r).Id, ((WxrComment)r).PostId, ((WxrComment)r).ParentId, ((WxrComment)r).Content)),
            r => Assert.Equal("tag", Assert.IsType<WxrProblem>(r).Kind));
    }

    [Fact]
    public void ElementsWithNoSpaceBetweenThemAreAllRead()
    {
        var records = Read(Head.ReplaceLineEndings("") + "<wp:author><wp:author_login>a</wp:author_login></wp:author><wp:author><wp:author_login>b</wp:author_login></wp:author>"
            + "<item><wp:post_id>1</wp:post_id></item><item><wp:post_id>2</wp:post_id><wp:comment><wp:comment_id>3</wp:comment_id></wp:comment><wp:comment><wp:comment_id>4</wp:comment_id></wp:comment></item>"
            + "<item><wp:post_id>5</wp:post_id></item></channel></rss>");

        Assert.Equal(["site", "a", "b", "1", "2", "3", "4", "5"], records.Select(r => r switch
        {
            WxrSite => "site",
            WxrAuthor a => a.Login,
            WxrItem i => i.PostId.ToString(),
            WxrComment c => c.Id.ToString(),
            _ => r.ToString()!,
        }));
    }

    [Fact]
    public void AReferencedControlCharacterIsKeptARawOneReplacedAndBrokenXmlEndsTheFileWithAFatalProblem()
    {
        var records = Read(Head + "<item><wp:post_id>1</wp:post_id><content:encoded>bell &#7; here\u000b</content:encoded></item><item><wp:post_id>2</wp:post_id><title>cut");

        Assert.True(records.OfType<WxrItem>().Count() == 1, string.Join("\n", records));
        Assert.Equal("bell \u0007 here\uFFFD", records.OfType<WxrItem>().Single().Content);
        var problem = Assert.IsType<WxrProblem>(records[^1]);
        Assert.True(problem.IsFatal);
        Assert.Contains("line", problem.Reason);
    }

    [Fact]
    public void DraftsWithoutAGmtDateHaveNone()
    {
        var item = Read(Head + "<item><wp:post_id>1</wp:post_id><wp:status>draft</wp:status><wp:post_date>2024-05-01 10:00:00</wp:post_date>"
            + "<wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt></item></channel></rss>").OfType<WxrItem>().Single();

        Assert.Null(item.PostDateGmt);
        Assert.Equal("2024-05-01 10:00:00", item.PostDate);
        Assert.Equal("draft", item.Status);
    }
}
