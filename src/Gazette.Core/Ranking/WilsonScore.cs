namespace Gazette.Core.Ranking;

/// <summary>
/// Ranks comments for "best": the lower bound of the Wilson score confidence interval for the share of up-votes.
/// Unlike "ups minus downs" it does not let a comment with 3 up-votes and no down-vote lose to one with
/// 100 up and 95 down, and unlike the raw share it does not put 1 up, 0 down above 90 up, 10 down.
/// </summary>
public static class WilsonScore
{
    /// <summary>z for a 95% confidence interval.</summary>
    private const double Z = 1.959963984540054;

    public static double LowerBound(int upvotes, int downvotes)
    {
        var n = upvotes + downvotes;
        if (n <= 0)
        {
            return 0;
        }
        var p = (double)upvotes / n;
        var z2 = Z * Z;
        return (p + z2 / (2 * n) - Z * Math.Sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
    }
}
