namespace Gazette.Notifications;

/// <summary>
/// Wakes this instance's <see cref="NotificationService"/> after a comment became public here; comments that became
/// public on another instance are found by its poll (<see cref="NotificationOptions.PollInterval"/>).
/// </summary>
public sealed class NotificationSignal
{
    private readonly SemaphoreSlim wake = new(0, 1);

    public void CommentsPublished()
    {
        // Checked first: under a stream of posts the signal is nearly always set already, and a throw and catch each
        // time cost a post more than its rate limit. The catch stays for two callers racing past the check.
        if (wake.CurrentCount > 0)
        {
            return;
        }
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake or about to be: one wake-up covers every comment published before the service looks.
        }
    }

    /// <summary>True when woken, false when the timeout passed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => wake.WaitAsync(timeout, cancellationToken);
}
