using System.Globalization;
using Gazette.Accounts;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Moderation;

/// <summary>
/// /admin/moderation: what waits for moderators, a page at a time, newest first, with the decisions on each comment
/// and on the ones ticked. Every action is a button of one form (POST, then back to the same list), so it works
/// without JavaScript; moderation.js adds the keys.
/// </summary>
[Authorize(Policy = StaffPolicies.Moderate)]
public sealed class QueueModel(ModerationQueue queue, CommentStatusChanges changes, DisplayDates dates, Live.LiveFeed live) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "article")] public string? Article { get; set; }
    [BindProperty(SupportsGet = true, Name = "reason")] public string? Reason { get; set; }
    [BindProperty(SupportsGet = true, Name = "author")] public string? Author { get; set; }

    /// <summary>What the last action did, shown once after the redirect.</summary>
    [TempData] public string? Done { get; set; }

    public QueueTab Tab { get; private set; }
    public IReadOnlyList<QueueCard> Cards { get; private set; } = [];
    public WaitingCounts Counts { get; private set; } = new(0, 0, 0);
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public DisplayDates Dates => dates;

    /// <summary>The last event of the moderators' live stream when the page was drawn (null: live updates are off), to connect from.</summary>
    public long? LiveAfter { get; private set; }

    /// <summary>This moderator's name, as the live stream names who decided or opened a comment.</summary>
    public string Me => Moderator.Of(User).Name;

    public static readonly QueueTab[] Tabs = Enum.GetValues<QueueTab>();

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        Tab = ParseTab(Status);
        LiveAfter = await live.LatestAsync(Live.LiveTopics.Moderation, cancellationToken);
        Counts = await queue.CountsAsync(cancellationToken);
        var filter = new QueueFilter(Tab, Article, Reason, Author);
        (Cards, Total) = await queue.PageAsync(filter, Math.Max(1, pageNumber), PageSize, cancellationToken);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(pageNumber, 1, PageCount);
        if (PageNumber != pageNumber && Total > 0)
        {
            // Past the end (the last page was just cleared): the last page there is.
            (Cards, _) = await queue.PageAsync(filter, PageNumber, PageSize, cancellationToken);
        }
        return Page();
    }

    /// <param name="one">"verb:comment id" of the button pressed on one comment (approve, spam, trash, restore, uphold, reject).</param>
    /// <param name="bulk">The decision for the comments ticked in <paramref name="ids"/>.</param>
    public async Task<IActionResult> OnPostAsync(
        [FromQuery(Name = "page")] int pageNumber, [FromForm] string? one, [FromForm] string? bulk, [FromForm] int[]? ids, [FromForm] string? bulkNote,
        CancellationToken cancellationToken)
    {
        Tab = ParseTab(Status);
        var by = Moderator.Of(User);
        if (one?.Split(':') is [var verb, var number] && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            if (verb is "uphold" or "reject")
            {
                var decided = await changes.DecideAppealAsync(id, verb == "uphold", by, Request.Form[$"appeal-note-{id}"], cancellationToken);
                Done = !decided ? "That comment has no open appeal any more."
                    : verb == "uphold" ? "Appeal upheld: the comment is published." : "Appeal rejected: the decision stands.";
            }
            else if (ParseDecision(verb) is { } decision)
            {
                var changed = await changes.DecideAsync([id], decision, by, Request.Form[$"note-{id}"], cancellationToken);
                Done = Describe(decision, changed.Count);
            }
            else
            {
                Done = "That action is not one the queue knows.";
            }
        }
        else if (bulk is not null)
        {
            if (ParseDecision(bulk) is not { } decision)
            {
                Done = "That action is not one the queue knows.";
            }
            else if (ids is null or { Length: 0 })
            {
                Done = "Tick the comments to act on first.";
            }
            else
            {
                var changed = await changes.DecideAsync(ids.Distinct().ToList(), decision, by, bulkNote, cancellationToken);
                Done = Describe(decision, changed.Count);
            }
        }
        else
        {
            Done = "Choose an action.";
        }
        return Redirect(Href(Tab, Math.Max(1, pageNumber)));
    }

    public static QueueTab ParseTab(string? status) =>
        Enum.TryParse<QueueTab>(status, ignoreCase: true, out var tab) && Enum.IsDefined(tab) && !int.TryParse(status, out _) ? tab : QueueTab.Pending;

    private static Decision? ParseDecision(string verb) => verb switch
    {
        "approve" => Decision.Approve,
        "spam" => Decision.Spam,
        "trash" => Decision.Trash,
        "restore" => Decision.Restore,
        _ => null,
    };

    private static string Describe(Decision decision, int count)
    {
        var comments = count == 1 ? "1 comment" : $"{count} comments";
        return count == 0 ? "Nothing changed: the comment is already so, or was deleted by its author."
            : decision switch
            {
                Decision.Approve => $"Approved {comments}.",
                Decision.Spam => $"Marked {comments} as spam.",
                Decision.Trash => $"Moved {comments} to the trash.",
                _ => $"Restored {comments}.",
            };
    }

    public static string TabName(QueueTab tab) => tab switch
    {
        QueueTab.Pending => "Awaiting moderation",
        QueueTab.Spam => "Spam",
        QueueTab.Trashed => "Trash",
        QueueTab.Approved => "Published",
        QueueTab.Flagged => "Flagged",
        _ => "Appealed",
    };

    public int? TabCount(QueueTab tab) => tab switch
    {
        QueueTab.Pending => Counts.Pending,
        QueueTab.Flagged => Counts.Flagged,
        QueueTab.Appealed => Counts.Appeals,
        _ => null,
    };

    /// <summary>This queue at a tab and page, with the same article, reason and author filters.</summary>
    public string Href(QueueTab tab, int page = 1, string? article = null, string? author = null)
    {
        var query = QueryString.Empty;
        if (tab != QueueTab.Pending)
        {
            query = query.Add("status", tab.ToString().ToLowerInvariant());
        }
        foreach (var (name, value) in new[] { ("article", article ?? Article), ("reason", Reason), ("author", author ?? Author) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query = query.Add(name, value.Trim());
            }
        }
        if (page > 1)
        {
            query = query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        }
        return "/admin/moderation" + query;
    }

    /// <summary>This tab without the filters.</summary>
    public string ClearedHref => TabHref(Tab);

    private static string TabHref(QueueTab tab) => tab == QueueTab.Pending ? "/admin/moderation" : $"/admin/moderation?status={tab.ToString().ToLowerInvariant()}";

    public bool Filtered => !string.IsNullOrWhiteSpace(Article) || !string.IsNullOrWhiteSpace(Reason) || !string.IsNullOrWhiteSpace(Author);
}
