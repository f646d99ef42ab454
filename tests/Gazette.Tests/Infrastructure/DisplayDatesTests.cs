using System.Globalization;
using Gazette.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gazette.Tests.Infrastructure;

/// <summary>The dates pages show are written out by hand for speed (issue 11): the same text as the format strings they replaced.</summary>
public sealed class DisplayDatesTests
{
    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Paris")]
    [InlineData("America/St_Johns")]
    public void EveryDateReadsAsTheFormatStringsWroteIt(string zoneName)
    {
        var site = new SiteOptions { TimeZone = zoneName };
        var dates = new DisplayDates(Options.Create(site));
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneName);
        var random = new Random(11);
        var samples = Enumerable.Range(0, 5000)
            .Select(_ => new DateTime(random.NextInt64(new DateTime(1, 1, 2).Ticks, new DateTime(9999, 12, 30).Ticks), DateTimeKind.Utc))
            .Concat([new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 31, 23, 59, 59, DateTimeKind.Utc), new DateTime(999, 3, 7, 5, 4, 3, DateTimeKind.Utc)]);
        foreach (var utc in samples)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
            Assert.Equal(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), DisplayDates.Machine(utc));
            Assert.Equal(local.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture), dates.Day(utc));
            Assert.Equal(local.ToString("MMMM d, yyyy 'at' HH:mm", CultureInfo.InvariantCulture), dates.DayAndTime(utc));
        }
    }

    [Fact]
    public void AZoneSavedWhileTheSiteRunsIsUsedAtOnce()
    {
        var site = new SiteOptions { TimeZone = "UTC" };
        var dates = new DisplayDates(Options.Create(site));
        var noon = new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal("June 1, 2026 at 12:00", dates.DayAndTime(noon));
        site.TimeZone = "Europe/Paris";
        Assert.Equal("June 1, 2026 at 14:00", dates.DayAndTime(noon));
    }
}
