using Gazette.Core.Accounts;

namespace Gazette.Tests.Core;

public sealed class SignInBackoffTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Ceiling = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(7, 4)]
    [InlineData(8, 8)]
    [InlineData(9, 15)]
    [InlineData(1000, 15)]
    public void FreeFailuresCostNothingThenEachOneDoublesTheWaitUpToTheCeiling(int failures, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), SignInBackoff.Wait(failures, free: 5, Minute, Ceiling));
}
