using BenchmarkDotNet.Attributes;
using Gazette.Comments;
using Gazette.Core.Threads;
using Gazette.Demo;

namespace Gazette.Benchmarks;

/// <summary>
/// <see cref="ThreadBuilder.Build"/> over the rows of a whole discussion, shaped as the site's demo generator
/// makes them (long threads, reply chains to depth 8, a few removed comments), in reading order as
/// <see cref="ThreadQuery"/> hands them over. Time per row should stay flat from 300 to 10,000 rows: it is linear.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class ThreadBuilderBenchmarks
{
    /// <summary>The default job with 10 measured iterations (it is cheap, and GC pauses make 3 too few), and the time per row.</summary>
    private sealed class Config : BenchConfig
    {
        public Config() : base(iterationCount: 10) => AddColumn(new PerRowColumn(nameof(Rows)));
    }

    private List<CommentView> rows = [];

    [Params(300, 2_000, 10_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => rows = Discussion(Rows);

    [Benchmark]
    public List<ThreadNode<CommentView>> Build() =>
        ThreadBuilder.Build(rows, c => c.Id, c => c.ParentId, c => c.IsRemoved);

    /// <summary>
    /// A discussion of <paramref name="count"/> comments as the thread query reads it, the same every time.
    /// One comment in 100 is removed by its author, so placeholders are kept or dropped as on a real site.
    /// </summary>
    public static List<CommentView> Discussion(int count)
    {
        var now = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
        var comments = CommentGenerator.Generate(
            articleId: 1, publishedAt: now.AddDays(-3), now, count, BenchArticles.ReadCommentPool(), seed: count);
        var removed = new Random(count);
        var views = new List<CommentView>(comments.Count);
        for (var i = 0; i < comments.Count; i++)
        {
            var comment = comments[i];
            comment.Id = i + 1; // The generator lists parents before their replies, so a parent's id is set by now.
            views.Add(new CommentView(
                comment.Id, comment.Parent?.Id, comment.AuthorName, comment.BodyHtml, comment.CreatedAt, comment.EditedAt,
                removed.Next(100) == 0 ? CommentStatus.Deleted : comment.Status, comment.Upvotes, comment.Downvotes, null, null));
        }
        return views;
    }
}
