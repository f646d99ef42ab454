using System.Text.Json;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Comments;

/// <summary>
/// Issue 11, defect 2: a reply chain 32 deep made the thread API answer 500, and 100 or 1,000 deep a JSON document cut
/// off at the serializer's depth limit. The API lists a page's comments flat, in reading order, each with its parent
/// and depth, so that no thread's shape can make the document deeper.
/// </summary>
public sealed class DeepThreadApiTests(DeepThreadApiTests.Site site) : IClassFixture<DeepThreadApiTests.Site>
{
    public static readonly TheoryData<int> Depths = [32, 100, 1_000];

    /// <summary>One article per depth, <c>chain-{depth}</c>: a top-level comment, then each reply answering the one before.</summary>
    public sealed class Site : EmptyGazetteFactory, IAsyncLifetime
    {
        public Dictionary<int, List<int>> Chains { get; } = [];

        public async ValueTask InitializeAsync()
        {
            foreach (var depth in Depths)
            {
                Chains[depth] = await WithDbAsync(db => SeedChainAsync(db, depth));
            }
        }

        private static async Task<List<int>> SeedChainAsync(Gazette.Data.GazetteDb db, int depth)
        {
            var at = Now.UtcDateTime.AddDays(-1);
            var article = Article($"Chain {depth}", at, Author($"Writer {depth}"));
            db.Add(article);
            await db.SaveChangesAsync();
            var chain = new List<Gazette.Comments.Comment> { Comment(article, "Level 0", "Where it starts.", at.AddMinutes(1)) };
            for (var level = 1; level <= depth; level++)
            {
                chain.Add(Comment(article, $"Level {level}", $"Reply at depth {level}.", at.AddMinutes(1).AddSeconds(level), chain[^1]));
            }
            db.AddRange(chain);
            article.CommentCount = chain.Count;
            await db.SaveChangesAsync();
            return chain.Select(c => c.Id).ToList();
        }
    }

    [Theory]
    [MemberData(nameof(Depths))]
    public async Task ApiListsAReplyChainOfAnyDepthWholeWithEachCommentsParentAndDepth(int depth)
    {
        using var client = site.CreateReader();

        using var response = await client.GetAsync($"/api/v1/articles/chain-{depth}/comments", TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(text); // throws on a document cut off part way
        var comments = json.RootElement.GetProperty("comments").EnumerateArray().ToList();
        var chain = site.Chains[depth];
        Assert.Equal(chain, comments.Select(c => c.GetProperty("id").GetInt32()));
        for (var level = 0; level < comments.Count; level++)
        {
            var comment = comments[level];
            int? parent = level == 0 ? null : chain[level - 1];
            var parentId = comment.GetProperty("parentId");
            Assert.Equal(parent, parentId.ValueKind == JsonValueKind.Null ? null : parentId.GetInt32());
            Assert.Equal(level, comment.GetProperty("depth").GetInt32());
            Assert.Equal($"Level {level}", comment.GetProperty("author").GetString());
            Assert.Equal(level < depth ? 1 : 0, comment.GetProperty("replyCount").GetInt32());
            Assert.Equal(depth - level, comment.GetProperty("descendantCount").GetInt32());
        }
        Assert.Equal(depth + 1, json.RootElement.GetProperty("commentCount").GetInt32());
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheFlatListOfComments()
    {
        using var client = site.CreateReader();

        var json = await ApiClient.JsonAsync(await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

        var schemas = json.GetProperty("components").GetProperty("schemas");
        JsonElement Resolve(JsonElement schema) =>
            schema.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/')[^1]) : schema;
        var ok = json.GetProperty("paths").GetProperty("/api/v1/articles/{slug}/comments").GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var thread = Resolve(ok);
        var comments = thread.GetProperty("properties").GetProperty("comments");
        Assert.Equal("array", comments.GetProperty("type").GetString());
        var comment = Resolve(comments.GetProperty("items"));
        var properties = comment.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Superset(new HashSet<string> { "id", "parentId", "depth", "replyCount", "descendantCount", "author", "html" }, properties.ToHashSet());
        Assert.DoesNotContain("replies", properties); // nothing nests: the document's depth is the same for every thread
        Assert.Contains("reading order", comments.GetProperty("description").GetString());
    }
}
