using System.Security.Claims;
using Gazette.Accounts;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Notifications;

/// <summary>/account/notifications: the member's private replies feed (made and revoked here), the discussions they follow, and staff mail choices.</summary>
[Authorize]
public sealed class MailChoicesModel(GazetteDb db, IOptions<SiteOptions> site, IOptionsMonitor<NotificationOptions> options) : AccountPageModel
{
    [BindProperty] public bool NewComments { get; set; }
    [BindProperty] public bool QueueAlerts { get; set; }
    [BindProperty] public bool Appeals { get; set; }

    public string? FeedUrl { get; private set; }
    public NotifyMember Choices { get; private set; } = new();
    public bool IsStaff => User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.Editor) || User.IsInRole(Roles.Author) || User.IsInRole(Roles.Moderator);
    public int QueueThreshold => options.CurrentValue.QueueThreshold;
    public List<(string Slug, string Title)> Follows { get; private set; } = [];

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateFeedAsync(CancellationToken cancellationToken)
    {
        (await StateAsync(cancellationToken)).FeedToken = RepliesFeed.NewToken();
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync(CancellationToken cancellationToken)
    {
        (await StateAsync(cancellationToken)).FeedToken = null;
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostStaffAsync(CancellationToken cancellationToken)
    {
        if (!IsStaff)
        {
            return Forbid();
        }
        var state = await StateAsync(cancellationToken);
        (state.NewComments, state.QueueAlerts, state.Appeals) = (NewComments, QueueAlerts, Appeals);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage();
    }

    private async Task<NotifyMember> StateAsync(CancellationToken cancellationToken)
    {
        var userId = UserId;
        var state = await db.Set<NotifyMember>().FirstOrDefaultAsync(m => m.UserId == userId, cancellationToken);
        if (state is null)
        {
            db.Add(state = new NotifyMember { UserId = userId });
        }
        return state;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = UserId;
        Choices = await db.Set<NotifyMember>().AsNoTracking().FirstOrDefaultAsync(m => m.UserId == userId, cancellationToken) ?? new NotifyMember();
        FeedUrl = Choices.FeedToken is { } token ? site.Value.AbsoluteUrl(Request, $"{RepliesFeed.Path}/{token}") : null;
        Follows = (await db.Set<DiscussionFollow>().AsNoTracking().Where(f => f.UserId == userId)
            .Join(db.Articles, f => f.ArticleId, a => a.Id, (f, a) => new { a.Slug, a.Title }).OrderBy(a => a.Title).ToListAsync(cancellationToken))
            .Select(a => (a.Slug, a.Title)).ToList();
    }
}
