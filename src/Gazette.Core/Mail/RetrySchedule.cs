namespace Gazette.Core.Mail;

/// <summary>
/// When a message that could not be sent is tried again: the first delay, doubled at each attempt up to a ceiling; after
/// <see cref="MaxAttempts"/> attempts it is given up (a server down for two days, with the defaults).
/// </summary>
public sealed record RetrySchedule(TimeSpan FirstDelay, TimeSpan MaxDelay, int MaxAttempts)
{
    public static RetrySchedule Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(4), 20);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1 for the first), or null to give up.</summary>
    public TimeSpan? DelayAfter(int attempts)
    {
        if (attempts >= MaxAttempts)
        {
            return null;
        }
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var delay = FirstDelay.Ticks * Math.Pow(2, exponent);
        return delay >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)delay);
    }
}
