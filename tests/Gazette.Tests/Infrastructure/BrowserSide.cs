namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The trait of tests whose subject is what the browser gets and does: the markup (axe-core's rules, the HTML
/// checker) and what readers and staff do in Chromium. The database under those pages is exercised by the HTTP tests
/// of the same features, which CI runs on both databases; .ci/run runs these in its SQLite run only
/// (<c>--filter "Checks!=BrowserSide"</c> in the PostgreSQL run), where they were a third of its time. The live
/// discussion's browser tests are not among them: two instances on PostgreSQL and Redis is what they are about.
/// </summary>
public static class BrowserSide
{
    public const string Name = "Checks";
    public const string Value = "BrowserSide";
}
