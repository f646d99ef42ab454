using Gazette.Core.Export;
using Gazette.Core.Import.WordPress;

namespace Gazette.Tests.Core.Export;

/// <summary>What <see cref="WxrWriter"/> writes, <see cref="WxrReader"/> reads back record for record.</summary>
public sealed class WxrWriterTests
{
    [Fact]
    public async Task EveryKindOfRecordReadsBackAsItWasWritten()
    {
        var published = new DateTime(2026, 3, 1, 9, 30, 15, DateTimeKind.Utc);
        WxrRecord[] records =
        [
            new WxrSite("A paper & co", "https://news.example.org", "https://news.example.org", "https://news.example.org", "1.2", "en"),
            new WxrAuthor(3, "ana", "ana@example.org", "Ana <Ruiz>", null, null),
            new WxrTerm(WxrTaxonomy.Category, "category", 1, "phones", "Phones", null, "Handsets]]>"),
            new WxrTerm(WxrTaxonomy.Tag, "post_tag", 2, "5g", "5G", null, null),
            new WxrItem(10, "post", "publish", "Title \"quoted\"", "https://news.example.org/articles/x", "https://news.example.org/?p=10", "ana",
                "<p>Body\r\nwith CR</p>]]>", "Excerpt", "x", published, "2026-03-01 10:30:15", "open", 0, 0, false, null, null,
                [new WxrItemTerm("category", "phones", "Phones"), new WxrItemTerm("post_tag", "5g", "5G")],
                [new WxrMeta("_wp_old_slug", "old-x"), new WxrMeta("_gazette_markdown", "Body\r\nwith CR")]),
            new WxrComment(10, 100, "", null, null, null, published, "2026-03-01 10:30:15", "  spaces kept  \n", "1", "comment", 0, 0, []),
            new WxrComment(10, 101, "Bob", "bob@example.org", null, null, published, "2026-03-01 10:30:15", "reply ]]> <b>", "trash", "comment", 100, 0,
                [new WxrMeta("_gazette_status", "deleted")]),
            new WxrItem(11, "post", "draft", "Draft", null, null, "ana", "", "", "draft", null, "2026-03-02 00:00:00", "closed", 0, 0, false, null, null, [], []),
        ];
        using var buffer = new MemoryStream();
        await using (var writer = new WxrWriter(buffer))
        {
            writer.WriteStart((WxrSite)records[0], "test");
            foreach (var record in records.Skip(1))
            {
                switch (record)
                {
                    case WxrAuthor author: writer.Write(author); break;
                    case WxrTerm term: writer.Write(term); break;
                    case WxrItem item:
                        writer.StartItem(item);
                        foreach (var comment in records.OfType<WxrComment>().Where(c => c.PostId == item.PostId))
                        {
                            writer.Write(comment);
                        }
                        writer.EndItem();
                        break;
                }
            }
            await writer.EndAsync(TestContext.Current.CancellationToken);
        }

        buffer.Position = 0;
        var read = WxrReader.Read(buffer).ToList();

        Assert.Equal(records.Length, read.Count);
        foreach (var (written, back) in records.Zip(read))
        {
            switch (written)
            {
                case WxrItem item:
                    var got = Assert.IsType<WxrItem>(back);
                    Assert.Equal(item with { Terms = [], Meta = [] }, got with { Terms = [], Meta = [] });
                    Assert.Equal(item.Terms, got.Terms);
                    Assert.Equal(item.Meta, got.Meta);
                    break;
                case WxrComment comment:
                    var gotComment = Assert.IsType<WxrComment>(back);
                    Assert.Equal(comment with { Meta = [] }, gotComment with { Meta = [] });
                    Assert.Equal(comment.Meta, gotComment.Meta);
                    break;
                default:
                    Assert.Equal(written, back);
                    break;
            }
        }
    }
}
