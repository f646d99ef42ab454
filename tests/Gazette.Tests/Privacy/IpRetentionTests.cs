using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gazette.Comments;
using Gazette.Privacy;
using Gazette.Tests.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gazette.Tests.Infrastructure.SiteData;

namespace Gazette.Tests.Privacy;

/// <summary>IP hashes on comments and votes are dropped once older than Privacy:IpRetentionDays (30 by default); newer ones stay.</summary>
public sealed class IpRetentionTests(EmptyGazetteFactory site) : IClassFixture<EmptyGazetteFactory>
{
    internal sealed record Seeded(int OldComment, int RecentComment, int OldVote, int RecentVote);

    /// <summary>A comment and a vote 31 days old, and a comment and a vote 20 days old, all with IP hashes.</summary>
    internal static Task<Seeded> SeedAsync(GazetteFactory site, string title) => site.WithDbAsync(async db =>
    {
        var now = site.Clock.GetUtcNow().UtcDateTime;
        var article = Article(title, now.AddDays(-40), Author($"Writer of {title}"));
        db.Articles.Add(article);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var old = Comment(article, "Old", "Written long ago.", now.AddDays(-31));
        old.IpHash = "old-comment-hash";
        var recent = Comment(article, "Recent", "Written lately.", now.AddDays(-20));
        recent.IpHash = "recent-comment-hash";
        db.Comments.AddRange(old, recent);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var oldVote = new CommentVote { CommentId = recent.Id, VoterKey = $"g:{title}-old", IpHash = "old-vote-hash", Value = 1, CastAt = now.AddDays(-31) };
        var recentVote = new CommentVote { CommentId = recent.Id, VoterKey = $"g:{title}-recent", IpHash = "recent-vote-hash", Value = 1, CastAt = now.AddDays(-20) };
        db.CommentVotes.AddRange(oldVote, recentVote);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new Seeded(old.Id, recent.Id, oldVote.Id, recentVote.Id);
    });

    internal static Task<(string? OldComment, string? RecentComment, string? OldVote, string? RecentVote)> HashesAsync(GazetteFactory site, Seeded seeded) =>
        site.WithDbAsync(async db => (
            await db.Comments.Where(c => c.Id == seeded.OldComment).Select(c => c.IpHash).SingleAsync(TestContext.Current.CancellationToken),
            await db.Comments.Where(c => c.Id == seeded.RecentComment).Select(c => c.IpHash).SingleAsync(TestContext.Current.CancellationToken),
            await db.CommentVotes.Where(v => v.Id == seeded.OldVote).Select(v => v.IpHash).SingleAsync(TestContext.Current.CancellationToken),
            await db.CommentVotes.Where(v => v.Id == seeded.RecentVote).Select(v => v.IpHash).SingleAsync(TestContext.Current.CancellationToken)));

    [Fact]
    public async Task FlagsLoseTheirAddressHashOnceOlderThanTheRetention()
    {
        var seeded = await SeedAsync(site, "Flag retention story");
        var now = site.Clock.GetUtcNow().UtcDateTime;
        var (oldFlag, recentFlag) = await site.WithDbAsync(async db =>
        {
            var old = new Gazette.Moderation.CommentFlag { CommentId = seeded.RecentComment, ReaderKey = "g:old-flagger", IpHash = "old-flag-hash", CreatedAt = now.AddDays(-31) };
            var recent = new Gazette.Moderation.CommentFlag { CommentId = seeded.RecentComment, ReaderKey = "g:recent-flagger", IpHash = "recent-flag-hash", CreatedAt = now.AddDays(-20) };
            db.CommentFlags.AddRange(old, recent);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return (old.Id, recent.Id);
        });

        var result = await site.Services.GetRequiredService<IpRetentionJob>().RunOnceAsync(TestContext.Current.CancellationToken);

        var hashes = await site.WithDbAsync(db => db.CommentFlags.Where(f => f.Id == oldFlag || f.Id == recentFlag)
            .OrderBy(f => f.Id).Select(f => f.IpHash).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([null, "recent-flag-hash"], hashes);
        Assert.True(result.Flags >= 1, $"{result}");
    }

    [Fact]
    public async Task AnArchiveOfMoreCommentsThanOneWriteCoversLosesEveryOldHash()
    {
        // An imported archive: more old comments than one slice of ids, a recent one in the middle of them.
        var now = site.Clock.GetUtcNow().UtcDateTime;
        var (first, recent, last) = await site.WithDbAsync(async db =>
        {
            var article = Article("Archive retention story", now.AddDays(-400), Author("Archive writer"));
            db.Articles.Add(article);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            var comments = Enumerable.Range(0, IpRetentionJob.SliceRows * 2 + 10).Select(i =>
            {
                var comment = Comment(article, $"Reader {i}", $"Archived comment {i}.", now.AddDays(i == IpRetentionJob.SliceRows ? -3 : -300));
                comment.IpHash = $"archive-hash-{i}";
                return comment;
            }).ToList();
            db.Comments.AddRange(comments);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return (comments[0].Id, comments[IpRetentionJob.SliceRows].Id, comments[^1].Id);
        });

        var result = await site.Services.GetRequiredService<IpRetentionJob>().RunOnceAsync(TestContext.Current.CancellationToken);

        var kept = await site.WithDbAsync(db => db.Comments.Where(c => c.Id >= first && c.Id <= last && c.IpHash != null)
            .Select(c => c.Id).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([recent], kept);
        Assert.True(result.Comments >= IpRetentionJob.SliceRows * 2 + 9, $"{result}");
    }

    [Fact]
    public async Task HashesOlderThanTheRetentionAreDroppedAndRecentOnesKept()
    {
        var seeded = await SeedAsync(site, "Retention story");
        var job = site.Services.GetRequiredService<IpRetentionJob>();

        var result = await job.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal((null, "recent-comment-hash", null, "recent-vote-hash"), await HashesAsync(site, seeded));
        Assert.True(result.Comments >= 1 && result.Votes >= 1, $"{result}");
        // The comment itself stays, only the hash goes.
        Assert.Equal("Written long ago.", await site.WithDbAsync(db =>
            db.Comments.Where(c => c.Id == seeded.OldComment).Select(c => c.Body).SingleAsync(TestContext.Current.CancellationToken)));
    }
}

/// <summary>The job runs by itself: a minute after the site starts, then daily, on the site's clock.</summary>
public sealed class IpRetentionScheduleTests(IpRetentionScheduleTests.Site site) : IClassFixture<IpRetentionScheduleTests.Site>
{
    public sealed class Site : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Privacy:IpRetentionDays", "25")];
    }

    [Fact]
    public async Task TheJobRunsAfterStartAndThenEveryDay()
    {
        using var _ = site.CreateClient(); // starts the site, and its background jobs
        var first = await IpRetentionTests.SeedAsync(site, "First run story");

        site.Clock.Advance(IpRetentionJob.FirstRunAfter);
        await WaitUntilAsync(async () => (await IpRetentionTests.HashesAsync(site, first)).OldComment is null);
        var afterFirst = await IpRetentionTests.HashesAsync(site, first);
        var second = await IpRetentionTests.SeedAsync(site, "Daily run story");
        site.Clock.Advance(IpRetentionJob.Interval);
        await WaitUntilAsync(async () => (await IpRetentionTests.HashesAsync(site, second)).OldVote is null);

        Assert.Equal((null, "recent-comment-hash", null, "recent-vote-hash"), afterFirst);
        // A day later, with 25 days' retention: the 20-day-old hashes of the first story are 21 days old, still kept.
        Assert.Equal("recent-comment-hash", (await IpRetentionTests.HashesAsync(site, first)).RecentComment);
        Assert.Null((await IpRetentionTests.HashesAsync(site, second)).OldComment);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The retention job did not run in time.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}

/// <summary>The key IP addresses are hashed with: from Privacy:IpHashKey when set, else generated into the data folder.</summary>
public sealed class IpHashKeyTests
{
    private sealed class KeyedSite(string? key) : DiscussionSite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            key is null ? base.Settings : [.. base.Settings, new("Privacy:IpHashKey", key)];
    }

    private sealed class ShortKeySite : EmptyGazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Privacy:IpHashKey", "too-short")];
    }

    private static async Task<string?> PostAndReadHashAsync(DiscussionSite site, string ip)
    {
        using var script = site.Script(ip);
        var id = await script.CommentAsync("open-story", $"From {ip}");
        return await site.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.IpHash).SingleAsync(TestContext.Current.CancellationToken));
    }

    private static string Hmac(byte[] key, string ip) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(IPAddress.Parse(ip).MapToIPv6().ToString())));

    [Fact]
    public async Task AConfiguredKeyIsUsedAndNoneIsWrittenToTheDataFolder()
    {
        const string key = "a-secret-of-at-least-thirty-two-characters";
        await using var site = new KeyedSite(key);

        var hash = await PostAndReadHashAsync(site, "192.0.2.10");

        Assert.Equal(Hmac(Encoding.UTF8.GetBytes(key), "192.0.2.10"), hash);
        Assert.False(File.Exists(Path.Combine(site.DataFolder, "secrets", "ip-hash.key")));
    }

    [Fact]
    public async Task WithoutAConfiguredKeyOneIsGeneratedIntoTheDataFolder()
    {
        await using var site = new KeyedSite(null);

        var hash = await PostAndReadHashAsync(site, "192.0.2.11");

        var file = Path.Combine(site.DataFolder, "secrets", "ip-hash.key");
        Assert.True(File.Exists(file));
        Assert.Equal(32, new FileInfo(file).Length);
        Assert.Equal(Hmac(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken), "192.0.2.11"), hash);
        Assert.DoesNotContain("192.0.2.11", hash);
    }

    [Fact]
    public async Task AShortKeyStopsTheSiteAtStart()
    {
        await using var site = new ShortKeySite();

        var error = Assert.ThrowsAny<Exception>(() => site.CreateClient());

        Assert.Contains("Privacy:IpHashKey", error.ToString());
    }
}
