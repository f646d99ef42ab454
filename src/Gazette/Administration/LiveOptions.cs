using Microsoft.Extensions.Options;

namespace Gazette.Administration;

/// <summary>
/// <c>IOptions&lt;T&gt;</c> that answers with the monitor's current value instead of the value read once at start,
/// so the pages that take <c>IOptions&lt;SiteOptions&gt;</c> or <c>IOptions&lt;DiscussionOptions&gt;</c> see a setting
/// saved on /admin/settings from the next request on, without each of them changing to <c>IOptionsSnapshot</c>.
/// A singleton that keeps <c>.Value</c> from its constructor (as <c>DisplayDates</c> keeps the time zone) keeps it
/// until restart; the settings page offers only what every reader takes afresh.
/// </summary>
public sealed class LiveOptions<T>(IOptionsMonitor<T> monitor) : IOptions<T> where T : class
{
    public T Value => monitor.CurrentValue;
}
