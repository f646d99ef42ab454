using System.Globalization;

namespace Gazette.Comments;

/// <summary>The time left to edit a comment, in the words the edit form shows (drafts.js counts it down the same way).</summary>
public static class EditTimeLeft
{
    /// <summary>Whole minutes, rounded up ("1 minute", "14 minutes"), hours and minutes past an hour; "no time" once passed.</summary>
    public static string InWords(TimeSpan left)
    {
        if (left <= TimeSpan.Zero)
        {
            return "no time";
        }
        var minutes = (long)Math.Ceiling(left.TotalMinutes);
        var (hours, rest) = (minutes / 60, minutes % 60);
        string Unit(long n, string one) => string.Create(CultureInfo.InvariantCulture, $"{n:N0} {one}{(n == 1 ? "" : "s")}");
        return hours == 0 ? Unit(rest, "minute") : rest == 0 ? Unit(hours, "hour") : $"{Unit(hours, "hour")} {Unit(rest, "minute")}";
    }
}
