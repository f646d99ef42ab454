using Gazette.Core.Ranking;

namespace Gazette.Tests.Core;

public sealed class WilsonScoreTests
{
    [Fact]
    public void NoVotesRankZero() => Assert.Equal(0, WilsonScore.LowerBound(0, 0));

    [Fact]
    public void ManyVotesOutrankAFewEvenWithTheSameShare() =>
        Assert.True(WilsonScore.LowerBound(90, 10) > WilsonScore.LowerBound(9, 1));

    [Fact]
    public void OneLuckyUpVoteDoesNotBeatAStrongRecord() =>
        Assert.True(WilsonScore.LowerBound(90, 10) > WilsonScore.LowerBound(1, 0));

    [Fact]
    public void ControversialCommentRanksBelowAClearlyLikedOneDespiteMoreUpVotes() =>
        Assert.True(WilsonScore.LowerBound(40, 2) > WilsonScore.LowerBound(100, 95));

    [Fact]
    public void KnownValue() => Assert.Equal(0.8256, WilsonScore.LowerBound(90, 10), precision: 4);
}
