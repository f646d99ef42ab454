namespace Gazette.Core.Accounts;

/// <summary>
/// How long failed sign-ins make the next attempt wait: a few failures are free (typos), then each one doubles the
/// wait, up to a ceiling. A guesser gets a handful of tries an hour; a member who mistyped waits a minute.
/// </summary>
public static class SignInBackoff
{
    /// <summary>The wait after <paramref name="failures"/> failures in a row: zero while within <paramref name="free"/>.</summary>
    public static TimeSpan Wait(int failures, int free, TimeSpan first, TimeSpan max)
    {
        if (failures < free)
        {
            return TimeSpan.Zero;
        }
        // 2^30 minutes is far past any ceiling: stop doubling there rather than overflow.
        var doublings = Math.Min(failures - free, 30);
        var wait = first * Math.Pow(2, doublings);
        return wait < max ? wait : max;
    }
}
