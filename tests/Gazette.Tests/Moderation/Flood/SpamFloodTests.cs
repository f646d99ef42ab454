using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Gazette.Comments;
using Gazette.Tests.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Moderation.Flood;

/// <summary>
/// A spam flood (issue 5): 2,000 comments from 50 guests behind 10 addresses, posted through the JSON API (antiforgery
/// and all) as fast as they can, with rate limits low enough that many are refused. Every request ends 201 or 429, a
/// 429 says when to come back, and the database holds exactly the comments that were acknowledged, as they were sent,
/// approved (distinct bodies, default rules), with the article's count to match.
/// </summary>
public sealed class SpamFloodTests(SpamFloodTests.Site site) : IClassFixture<SpamFloodTests.Site>
{
    private const int Identities = 50;
    private const int Addresses = 10;
    private const int PerIdentity = 40;

    public sealed class Site : DiscussionSite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            .. base.Settings,
            new("RateLimits:Comments:PerIdentity", "15"), new("RateLimits:Comments:PerIp", "90"), new("RateLimits:Comments:WindowSeconds", "60"),
        ];
    }

    private sealed record Sent(int Identity, string Body, HttpStatusCode Status, int? CommentId, bool HasRetryAfter);

    [Fact]
    public async Task EveryCommentIsStoredOrRefusedWith429AndNoneIsLost()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var articleId = await site.WithDbAsync(db => db.Articles.Where(a => a.Slug == "open-story").Select(a => a.Id).SingleAsync(cancellation));
        var countBefore = await site.WithDbAsync(db => db.Comments.CountAsync(c => c.ArticleId == articleId, cancellation));
        var results = new ConcurrentBag<Sent>();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Identities).Select(identity => Task.Run(async () =>
        {
            using var guest = site.Script($"192.0.2.{identity % Addresses + 1}");
            for (var n = 0; n < PerIdentity; n++)
            {
                var body = $"Flood {identity:D2}-{n:D2}: buy nothing, this is test number {identity * PerIdentity + n}.";
                using var response = await guest.PostAsync("/api/v1/articles/open-story/comments", new { body, authorName = $"Bot {identity}" });
                int? id = response.StatusCode == HttpStatusCode.Created ? (await ApiClient.JsonAsync(response)).GetProperty("id").GetInt32() : null;
                results.Add(new Sent(identity, body, response.StatusCode, id, response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }));
            }
        }, cancellation)));
        clock.Stop();

        var sent = results.ToList();
        Assert.Equal(Identities * PerIdentity, sent.Count);
        var unexpected = sent.Where(s => s.Status is not (HttpStatusCode.Created or HttpStatusCode.TooManyRequests)).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} answers were neither 201 nor 429: "
            + string.Join("; ", unexpected.GroupBy(s => (int)s.Status).Select(g => $"{g.Count()} × {g.Key} (first: {g.First().Body})")));
        var acknowledged = sent.Where(s => s.Status == HttpStatusCode.Created).ToList();
        var refused = sent.Where(s => s.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.True(acknowledged.Count >= Identities, $"Only {acknowledged.Count} comments were accepted.");
        Assert.All(refused, s => Assert.True(s.HasRetryAfter, $"{s.Body}: 429 without Retry-After"));

        var stored = await site.WithDbAsync(db => db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.Body.StartsWith("Flood "))
            .Select(c => new { c.Id, c.Body, c.Status, c.GuestKeyHash, c.AuthorName })
            .ToListAsync(cancellation));
        // None lost, none extra, each as it was sent and approved.
        Assert.Equal(acknowledged.Count, stored.Count);
        Assert.Equal(acknowledged.Select(s => (s.CommentId!.Value, s.Body)).Order(), stored.Select(c => (c.Id, c.Body)).Order());
        Assert.All(stored, c => Assert.Equal(CommentStatus.Approved, c.Status));
        // Each guest's comments are theirs: one cookie key and one name per guest, 50 guests in all.
        var byGuest = stored.GroupBy(c => c.GuestKeyHash).ToList();
        Assert.Equal(Identities, byGuest.Count);
        Assert.All(byGuest, g => Assert.Single(g.Select(c => c.AuthorName).Distinct()));

        var (count, approved, total) = await site.WithDbAsync(async db => (
            await db.Articles.Where(a => a.Id == articleId).Select(a => a.CommentCount).SingleAsync(cancellation),
            await db.Comments.CountAsync(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved, cancellation),
            await db.Comments.CountAsync(c => c.ArticleId == articleId, cancellation)));
        Assert.Equal(approved, count);
        Assert.Equal(countBefore + acknowledged.Count, total);
        TestContext.Current.SendDiagnosticMessage(
            $"Flood: {sent.Count} posts in {clock.Elapsed.TotalSeconds:0.0} s, {acknowledged.Count} stored, {refused.Count} refused with 429.");
    }
}
