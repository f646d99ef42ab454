using Gazette.Moderation.Limits;
using Microsoft.Extensions.Options;

namespace Gazette.Tests.Privacy;

/// <summary>The allowances themselves, without HTTP: a burst of the whole allowance, then one back every window/permits.</summary>
public sealed class RateLimitAllowanceTests
{
    private static CommentRateLimits Limits(RateLimitOptions options) => new(Options.Create(options), readers: null!);

    [Fact]
    public async Task AReaderHasTheDefaultSixCommentsAtOnceThenOneEveryTenSeconds()
    {
        await using var limits = Limits(new RateLimitOptions());
        var attempt = new WriteAttempt(WriteKind.Comment, "g:reader", "ip");

        var granted = Enumerable.Range(0, 7).Select(_ => { using var lease = limits.Acquire(attempt); return lease.IsAcquired; }).ToList();
        using var refused = limits.Acquire(attempt);

        Assert.Equal([true, true, true, true, true, true, false], granted);
        Assert.Equal(10, CommentRateLimits.RetryAfterSeconds(refused));
    }

    [Fact]
    public async Task AnAddressHoldsEveryoneBehindItButNotOthers()
    {
        await using var limits = Limits(new RateLimitOptions { Comments = new WriteLimit { PerIdentity = 100, PerIp = 30, WindowSeconds = 60 } });

        var fromOneAddress = Enumerable.Range(0, 31)
            .Select(i => { using var lease = limits.Acquire(new WriteAttempt(WriteKind.Comment, $"g:{i}", "shared")); return lease.IsAcquired; })
            .ToList();
        using var elsewhere = limits.Acquire(new WriteAttempt(WriteKind.Comment, "g:31", "another"));

        Assert.Equal(30, fromOneAddress.Count(granted => granted));
        Assert.False(fromOneAddress[^1]);
        Assert.True(elsewhere.IsAcquired);
    }

    [Fact]
    public async Task KindsAreCountedApartAndVotesAllowMore()
    {
        await using var limits = Limits(new RateLimitOptions());
        for (var i = 0; i < 6; i++)
        {
            using var _ = limits.Acquire(new WriteAttempt(WriteKind.Comment, "u:1", "ip"));
        }

        var votes = Enumerable.Range(0, 60).Count(_ => { using var lease = limits.Acquire(new WriteAttempt(WriteKind.Vote, "u:1", "ip")); return lease.IsAcquired; });
        using var comment = limits.Acquire(new WriteAttempt(WriteKind.Comment, "u:1", "ip"));

        Assert.Equal(60, votes);
        Assert.False(comment.IsAcquired);
    }

    [Fact]
    public async Task TurnedOffNothingIsRefused()
    {
        await using var limits = Limits(new RateLimitOptions { Enabled = false });

        var granted = Enumerable.Range(0, 1000).Count(_ => { using var lease = limits.Acquire(new WriteAttempt(WriteKind.Comment, "g:x", "ip")); return lease.IsAcquired; });

        Assert.Equal(1000, granted);
    }

    [Theory]
    [InlineData(WriteKind.Comment, 1, "You are posting faster than this site allows. Try again in 1 second.")]
    [InlineData(WriteKind.Edit, 12, "You are posting faster than this site allows. Try again in 12 seconds.")]
    [InlineData(WriteKind.Vote, 2, "You are voting faster than this site allows. Try again in 2 seconds.")]
    [InlineData(WriteKind.Flag, 5, "You are flagging comments faster than this site allows. Try again in 5 seconds.")]
    [InlineData(WriteKind.Account, 90, "Too many attempts from your connection in a short time. Try again in 90 seconds.")]
    public void TheMessageSaysHowLongToWait(WriteKind kind, int seconds, string expected) =>
        Assert.Equal(expected, CommentRateLimits.Message(kind, seconds));
}
