using Gazette.Comments;

namespace Gazette.Demo;

/// <summary>
/// Makes believable discussions of any size from the demo's pool of names and sentences, the same every time
/// for the same seed: long threads, deep reply chains and late arrivals, so counts, paging and depth are visible.
/// </summary>
public static class CommentGenerator
{
    /// <summary>Deeper than the default display depth, so "continue this thread" has something to show.</summary>
    public const int MaxDepth = 8;

    public static List<Comment> Generate(
        int articleId, DateTime publishedAt, DateTime now, int count, DemoCommentPool pool, int seed)
    {
        var random = new Random(seed);
        var comments = new List<Comment>(count);
        // Discussions are busiest right after publication and tail off over about three days.
        var span = Math.Max(1, Math.Min((now - publishedAt).TotalMinutes, 3 * 24 * 60));
        var times = Enumerable.Range(0, count)
            .Select(_ => publishedAt.AddMinutes(span * Math.Pow(random.NextDouble(), 2.5)))
            .Order()
            .ToList();

        foreach (var createdAt in times)
        {
            Comment? parent = null;
            if (comments.Count > 0 && random.NextDouble() < 0.62)
            {
                // Replies mostly answer something recent, as in a live argument.
                var index = comments.Count - 1 - (int)(Math.Pow(random.NextDouble(), 3) * comments.Count);
                parent = comments[index];
                while (parent.Depth >= MaxDepth)
                {
                    parent = parent.Parent!;
                }
            }

            // Drawn in this order (body, name, votes) so that a seed makes the same discussion as it always has.
            var body = Body(random, pool);
            var comment = new Comment
            {
                ArticleId = articleId,
                AuthorName = random.NextDouble() < 0.04 ? null : pool.Names[random.Next(pool.Names.Count)],
                Status = CommentStatus.Approved,
                CreatedAt = createdAt,
                NotifiedAt = createdAt, // generated, not written by someone: nobody is told
                Upvotes = (int)(Math.Pow(random.NextDouble(), 3) * 40),
                Downvotes = (int)(Math.Pow(random.NextDouble(), 4) * 15),
            };
            CommentLifecycle.Place(comment, parent);
            CommentLifecycle.SetBody(comment, body);
            comments.Add(comment);
        }
        return comments;
    }

    private static string Body(Random random, DemoCommentPool pool)
    {
        var paragraphs = random.NextDouble() < 0.15 ? 2 : 1;
        return string.Join("\n\n", Enumerable.Range(0, paragraphs).Select(_ =>
            string.Join(" ", Enumerable.Range(0, 1 + random.Next(3))
                .Select(_ => pool.Sentences[random.Next(pool.Sentences.Count)]))));
    }
}
