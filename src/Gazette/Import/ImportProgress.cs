using System.Globalization;

namespace Gazette.Import;

/// <summary>
/// The progress line of a running import: records and comments so far, the rate, and the time left as estimated from
/// the share of the file read. At a terminal, one line redrawn in place twice a second; otherwise a line every 5 seconds.
/// </summary>
public static class ImportProgress
{
    public static string Line(ImportReport report)
    {
        var elapsed = DateTime.UtcNow - report.StartedAt;
        var comments = report.Comments;
        var rate = elapsed.TotalSeconds > 0 ? comments / elapsed.TotalSeconds : 0;
        var share = report.BytesTotal > 0 ? (double)report.BytesRead / report.BytesTotal : 0;
        var left = share > 0.01 ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - share) / share) : (TimeSpan?)null;
        return string.Create(CultureInfo.InvariantCulture,
            $"{share * 100,5:0.0}%  {report.Records:N0} records, {comments:N0} comments, {rate:N0} comments/s, {(left is { } l ? $"about {l:hh\\:mm\\:ss} left" : "estimating time left")}");
    }

    public static async Task ShowAsync(ImportReport report, TextWriter output, bool redraw, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(redraw ? 500 : 5000));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await output.WriteAsync(redraw ? "\r" + Line(report).PadRight(100) : Line(report) + Environment.NewLine);
            }
        }
        catch (OperationCanceledException)
        {
            // The import ended: the report follows.
        }
        if (redraw)
        {
            await output.WriteLineAsync("\r" + Line(report).PadRight(100));
        }
    }
}
