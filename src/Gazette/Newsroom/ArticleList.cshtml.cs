using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>A row of the newsroom's list of articles.</summary>
public sealed record ArticleRow(
    int Id, string Slug, string Title, ArticleStatus Status, DateTime PublishedAt, DateTime UpdatedAt, string AuthorName, int CommentCount);

/// <summary>
/// /admin/articles: every article in any state, the latest change first, filtered by status, author and words of the
/// title, and paged. An Author sees only their own.
/// </summary>
[Authorize(Policy = StaffPolicies.Write)]
public sealed class ArticleListModel(GazetteDb db, Staffers staffers, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public ArticleStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "author")]
    public int? AuthorId { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public Staffer Staffer { get; private set; } = null!;
    public IReadOnlyList<Choice> Authors { get; private set; } = [];
    public Paged<ArticleRow> Articles { get; private set; } = null!;
    public DateTime Now { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        Staffer = await staffers.CurrentAsync(User, cancellationToken);
        Now = clock.GetUtcNow().UtcDateTime;
        var articles = db.Articles.AsNoTracking();
        if (!Staffer.MayPublish)
        {
            articles = articles.Where(a => a.Author.UserId == Staffer.UserId || a.Bylines.Any(b => b.Author.UserId == Staffer.UserId));
        }
        else
        {
            Authors = await db.Authors.AsNoTracking().OrderBy(a => a.Name).Select(a => new Choice(a.Id, a.Name)).ToListAsync(cancellationToken);
            if (AuthorId is { } authorId)
            {
                articles = articles.Where(a => a.AuthorId == authorId || a.Bylines.Any(b => b.AuthorId == authorId));
            }
        }
        // The trash is a list of its own: the other lists leave trashed articles out.
        articles = Status is { } status ? articles.Where(a => a.Status == status) : articles.Where(a => a.Status != ArticleStatus.Trashed);
        if (Query?.Trim() is { Length: > 0 } words)
        {
            // Both sides lowered by the database, whose LIKE may mind case (PostgreSQL's does): ASCII case never matters.
            var pattern = "%" + EscapeLike(words) + "%";
            articles = articles.Where(a => EF.Functions.Like(a.Title.ToLower(), pattern.ToLower(), "\\"));
        }

        var total = await articles.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        if (pageNumber < 1 || pageNumber > pageCount)
        {
            return NotFound();
        }
        var found = await articles
            .OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new
            {
                a.Id, a.Slug, a.Title, a.Status, a.PublishedAt, a.UpdatedAt, a.Author.Name, a.CommentCount,
                Bylines = a.Bylines.OrderBy(b => b.Position).Select(b => b.Author.Name).ToList(),
            })
            .ToListAsync(cancellationToken);
        var rows = found.Select(a => new ArticleRow(a.Id, a.Slug, a.Title, a.Status, a.PublishedAt, a.UpdatedAt,
            BylineOrder.Names(a.Bylines.Count > 0 ? a.Bylines : [a.Name]), a.CommentCount)).ToList();
        Articles = new Paged<ArticleRow>(rows, pageNumber, pageCount, total);
        return Page();
    }

    public bool IsPublic(ArticleRow row) => row.Status == ArticleStatus.Published && row.PublishedAt <= Now;

    /// <summary>This list's address with the same filters on another page.</summary>
    public string PageHref(int page)
    {
        var query = new List<string>();
        if (Status is { } status)
        {
            query.Add($"status={status}");
        }
        if (AuthorId is { } author)
        {
            query.Add($"author={author}");
        }
        if (!string.IsNullOrWhiteSpace(Query))
        {
            query.Add($"q={Uri.EscapeDataString(Query)}");
        }
        if (page > 1)
        {
            query.Add($"page={page}");
        }
        return query.Count == 0 ? "/admin/articles" : "/admin/articles?" + string.Join('&', query);
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
