using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Articles;

/// <summary>/archive: every month with articles, by year, with counts; /archive/{year}: the months of one year.</summary>
public sealed class ArchiveIndexModel(ArchiveMonths archive) : PageModel
{
    public int? Year { get; private set; }
    public IReadOnlyList<IGrouping<int, ArchiveMonth>> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? year, CancellationToken cancellationToken)
    {
        if (year is { } y && !ArchiveMonths.IsInRange(y))
        {
            return NotFound();
        }
        var months = await archive.CountsAsync(year, cancellationToken);
        if (year is not null && months.Count == 0)
        {
            return NotFound();
        }
        (Year, Years) = (year, months.GroupBy(m => m.Year).ToList());
        return Page();
    }
}
