using System.ComponentModel.DataAnnotations;

namespace Gazette.Live;

/// <summary>Section "Live": discussions and the moderation queue updated on open pages (docs/live.md).</summary>
public sealed class LiveDiscussionOptions
{
    public const string Section = "Live";

    /// <summary>Off: pages never connect, and nothing is recorded; the site works as it did before.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often an idle stream sends a comment line, so that proxies and browsers keep it open and a lost one is noticed.</summary>
    [Range(1, 300)]
    public int HeartbeatSeconds { get; set; } = 20;

    /// <summary>How long events are kept for pages that reconnect to catch up from (older ones are deleted every hour).</summary>
    [Range(1, 24 * 30)]
    public int KeepHours { get; set; } = 48;

    /// <summary>The most events a reconnecting page is sent; a page further behind is told to reload its discussion.</summary>
    [Range(10, 100_000)]
    public int MaxCatchUp { get; set; } = 1000;
}
