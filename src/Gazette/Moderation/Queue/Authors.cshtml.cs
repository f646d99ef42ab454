using Gazette.Accounts;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Moderation;

/// <summary>
/// /admin/moderation/authors?account=|email=|guest=|ip=: everything one author wrote, known by their account, the
/// e-mail they gave, their guest cookie or their IP address (both as hashes), with statuses, reasons and flags.
/// </summary>
[Authorize(Policy = StaffPolicies.Moderate)]
public sealed class AuthorsModel(GazetteDb db, ModerationQueue queue, DisplayDates dates, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public static readonly string[] Kinds = ["account", "email", "guest", "ip"];

    public static string Href(string kind, string value) => $"/admin/moderation/authors?{kind}={Uri.EscapeDataString(value)}";

    [BindProperty(SupportsGet = true, Name = "account")] public string? Account { get; set; }
    [BindProperty(SupportsGet = true, Name = "email")] public string? Email { get; set; }
    [BindProperty(SupportsGet = true, Name = "guest")] public string? Guest { get; set; }
    [BindProperty(SupportsGet = true, Name = "ip")] public string? Ip { get; set; }

    /// <summary>Which identity is shown ("account", "email", "guest", "ip") and its value; null: none asked for yet.</summary>
    public string? Kind { get; private set; }
    public string Value { get; private set; } = "";
    public string? AccountName { get; private set; }
    public IReadOnlyList<QueueCard> Cards { get; private set; } = [];
    public IReadOnlyList<(CommentStatus Status, int Count)> ByStatus { get; private set; } = [];
    public int Total { get; private set; }
    public int OpenFlags { get; private set; }
    public IReadOnlyList<Ban> ActiveBans { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public DisplayDates Dates => dates;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        (Kind, Value) = new[] { ("account", Account), ("email", Email), ("guest", Guest), ("ip", Ip) }
            .Where(k => !string.IsNullOrWhiteSpace(k.Item2)).Select(k => ((string?)k.Item1, k.Item2!.Trim())).FirstOrDefault();
        if (Kind is null)
        {
            return Page();
        }
        var comments = Comments(Kind, Value);
        ByStatus = (await comments.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .OrderBy(g => g.Key).Select(g => (g.Key, g.Count)).ToList();
        OpenFlags = await db.CommentFlags.CountAsync(f => f.ResolvedAt == null && comments.Any(c => c.Id == f.CommentId), cancellationToken);
        PageCount = Math.Max(1, (ByStatus.Sum(s => s.Count) + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(pageNumber, 1, PageCount);
        (Cards, Total) = await queue.PageAsync(comments, PageNumber, PageSize, cancellationToken);
        if (Kind == "account")
        {
            AccountName = await db.Users.Where(u => u.Id == Value).Select(u => u.DisplayName + " (" + u.Email + ")").FirstOrDefaultAsync(cancellationToken);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var banKind = BanKindOf(Kind);
        var banValue = banKind == BanKind.Email ? Value.ToLowerInvariant() : Value;
        ActiveBans = await db.Bans.AsNoTracking()
            .Where(b => b.Kind == banKind && b.Value == banValue && b.LiftedAt == null && (b.ExpiresAt == null || b.ExpiresAt > now))
            .ToListAsync(cancellationToken);
        return Page();
    }

    public static BanKind BanKindOf(string kind) => kind switch
    {
        "account" => BanKind.Account,
        "email" => BanKind.Email,
        "ip" => BanKind.Ip,
        _ => BanKind.Guest,
    };

    public string KindName => Kind switch
    {
        "account" => "Account",
        "email" => "Email",
        "guest" => "Guest cookie",
        _ => "IP address (hashed)",
    };

    /// <summary>The identity in running text: "this account", "this e-mail address".</summary>
    public string KindNoun => Kind switch
    {
        "account" => "account",
        "email" => "e-mail address",
        "guest" => "guest cookie",
        _ => "IP address",
    };

    public string PageHref(int page) => Href(Kind!, Value) + (page > 1 ? $"&page={page}" : "");

    private IQueryable<Comment> Comments(string kind, string value)
    {
        var comments = db.Comments.AsNoTracking();
        switch (kind)
        {
            case "account":
                return comments.Where(c => c.UserId == value);
            case "email":
                // What a guest typed, and what an account with that address wrote.
                var normalized = value.ToUpperInvariant();
                var lower = value.ToLowerInvariant();
                var accounts = db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id);
                return comments.Where(c => (c.AuthorEmail != null && c.AuthorEmail.ToLower() == lower) || (c.UserId != null && accounts.Contains(c.UserId)));
            case "guest":
                return comments.Where(c => c.GuestKeyHash == value);
            default:
                return comments.Where(c => c.IpHash == value);
        }
    }
}
