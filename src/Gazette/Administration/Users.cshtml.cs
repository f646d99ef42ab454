using Gazette.Accounts;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Administration;

/// <summary>/admin/users: every account, a page at a time, found by email or name and narrowed to a role.</summary>
[Authorize(Policy = StaffPolicies.Administer)]
public sealed class UsersModel(GazetteDb db, TimeProvider clock, DisplayDates dates) : PageModel
{
    public const int PageSize = 25;

    /// <summary>The role filter's value for "any staff role".</summary>
    public const string AnyStaffRole = "staff";

    public sealed record Row(string Id, string Email, string DisplayName, DateTime CreatedAt, IReadOnlyList<string> Roles, string State, bool Locked);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "role")]
    public string? Role { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; }
    public int PageCount { get; private set; }
    public DisplayDates Dates => dates;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var pattern = "%" + Search.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
            // Both sides lowered by the database, whose LIKE may mind case (PostgreSQL's does): ASCII case never matters.
            users = users.Where(u => EF.Functions.Like(u.Email!.ToLower(), pattern.ToLower(), @"\")
                || EF.Functions.Like(u.DisplayName.ToLower(), pattern.ToLower(), @"\"));
        }
        if (Role == AnyStaffRole)
        {
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id));
        }
        else if (Role is not null && Roles.All.Contains(Role))
        {
            var holders = from userRole in db.UserRoles
                          join role in db.Roles on userRole.RoleId equals role.Id
                          where role.Name == Role
                          select userRole.UserId;
            users = users.Where(u => holders.Contains(u.Id));
        }
        else
        {
            Role = null;
        }

        Total = await users.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        if (pageNumber < 1 || pageNumber > PageCount)
        {
            return NotFound();
        }
        PageNumber = pageNumber;
        var found = await users.OrderBy(u => u.Email).Skip((pageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.CreatedAt, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var ids = found.Select(u => u.Id).ToList();
        var roles = (await (from userRole in db.UserRoles
                            join role in db.Roles on userRole.RoleId equals role.Id
                            where ids.Contains(userRole.UserId)
                            select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name!);
        var now = clock.GetUtcNow().UtcDateTime;
        Rows = found.Select(u => new Row(
                u.Id, u.Email ?? "", u.DisplayName, u.CreatedAt,
                Roles.All.Where(roles[u.Id].Contains).ToList(),
                AccountStates.Describe(u.LockoutEnd, now, dates),
                AccountStates.IsLocked(u.LockoutEnd, now)))
            .ToList();
        return Page();
    }

    /// <summary>This list at another page, with the same search and filter.</summary>
    public string PageHref(int page)
    {
        var query = QueryString.Empty;
        if (!string.IsNullOrWhiteSpace(Search))
        {
            query = query.Add("q", Search);
        }
        if (Role is not null)
        {
            query = query.Add("role", Role);
        }
        if (page > 1)
        {
            query = query.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return "/admin/users" + query;
    }
}
