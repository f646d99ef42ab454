namespace Gazette.Core.Calendar;

/// <summary>
/// A month as a calendar shows it: whole weeks from Monday to Sunday, the days outside the month included (shown
/// greyed), so every row has seven cells.
/// </summary>
public static class MonthGrid
{
    public static IReadOnlyList<IReadOnlyList<DateOnly>> Weeks(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var start = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
        var last = first.AddMonths(1).AddDays(-1);
        var weeks = new List<IReadOnlyList<DateOnly>>();
        for (var monday = start; monday <= last; monday = monday.AddDays(7))
        {
            weeks.Add(Enumerable.Range(0, 7).Select(monday.AddDays).ToList());
        }
        return weeks;
    }
}
