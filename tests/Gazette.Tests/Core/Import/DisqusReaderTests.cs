using System.Text;
using Gazette.Core.Import.Disqus;

namespace Gazette.Tests.Core.Import;

/// <summary>The Disqus reader on a file written to Disqus's documented export schema, damage included (issue 13).</summary>
public sealed class DisqusReaderTests
{
    private static List<DisqusRecord> ReadFixture()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "import", "disqus-export.xml"));
        return DisqusReader.Read(file).ToList();
    }

    [Fact]
    public void CategoriesThreadsAndPostsAreReadInTheFilesOrder()
    {
        var records = ReadFixture();

        Assert.Equal("General", Assert.IsType<DisqusCategory>(records[0]).Title);
        var threads = records.OfType<DisqusThread>().ToList();
        Assert.Equal(["7001", "7002", "7003"], threads.Select(t => t.Key));
        Assert.Equal("41 http://www.old-gazette.example/?p=41", threads[0].Identifier);
        Assert.Null(threads[1].Identifier);
        Assert.True(threads[1].IsClosed);
        Assert.Equal(8, records.OfType<DisqusPost>().Count());
    }

    [Fact]
    public void APostKeepsItsParentDateAuthorAndFlags()
    {
        var posts = ReadFixture().OfType<DisqusPost>().ToDictionary(p => p.Key!);

        var reply = posts["9002"];
        Assert.Equal(("7001", "9001"), (reply.ThreadDsqId, reply.ParentDsqId));
        Assert.Equal(new DateTime(2021, 3, 2, 11, 30, 0, DateTimeKind.Utc), reply.CreatedAt);
        Assert.Equal(new DisqusAuthor("The Editor", "editor@old-gazette.example", "oldgazette_editor", false), reply.Author);
        Assert.Equal("<p>Fixed, thank you. It was 48 all along.</p>", reply.Message);
        Assert.True(posts["9003"].IsDeleted);
        Assert.Equal("", posts["9003"].Message);
        Assert.True(posts["9004"].Author.IsAnonymous);
        Assert.True(posts["9005"].IsSpam);
        Assert.Equal((null, "legacy-17"), (posts["9007"].ParentDsqId, posts["9007"].ParentId));
        Assert.Equal(DateTimeKind.Utc, posts["9006"].CreatedAt!.Value.Kind);
    }

    [Fact]
    public void MalformedRecordsAreListedWithTheirIdsAndTheRestIsRead()
    {
        var problems = ReadFixture().OfType<DisqusProblem>().ToList();

        Assert.Collection(problems,
            p => Assert.Equal(("thread", "A thread with no id at all"), (p.Kind, p.SourceId)),
            p => Assert.Equal(("post", "9009", "The post names no thread."), (p.Kind, p.SourceId, p.Reason)),
            p => Assert.Equal(("post", "9010"), (p.Kind, p.SourceId)));
        Assert.All(problems, p => Assert.False(p.IsFatal));
    }

    [Fact]
    public void ACutFileEndsWithAFatalProblemAfterWhatCouldBeRead()
    {
        var xml = """<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals"><thread dsq:id="1"><id>a</id></thread><post dsq:id="2"><message>cut""";

        var records = DisqusReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml))).ToList();

        Assert.Equal("1", Assert.IsType<DisqusThread>(records[0]).Key);
        Assert.True(Assert.IsType<DisqusProblem>(records[1]).IsFatal);
    }
}
