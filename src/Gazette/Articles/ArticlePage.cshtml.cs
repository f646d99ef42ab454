using Gazette.Comments;
using Gazette.Core.Text;
using Gazette.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Articles;

/// <summary>An article and its discussion: /articles/{slug}, the discussion paged by ?page=N.</summary>
public sealed class ArticlePageModel(
    GazetteDb db, TimeProvider clock, NewsOfTheWeek newsOfTheWeek, ThreadQuery threads, CommentWriter writer, Readers readers,
    IOptions<DiscussionOptions> discussionOptions) : PageModel
{
    public const int RelatedCount = 4;

    public ArticleView Article { get; private set; } = null!;
    public ArticleLink? Previous { get; private set; }
    public ArticleLink? Next { get; private set; }
    public IReadOnlyList<ArticleLink> Related { get; private set; } = [];
    public IReadOnlyList<WeekStory> WeekStories { get; private set; } = [];
    public DiscussionView Discussion { get; private set; } = null!;

    /// <summary>The body before and after the "news of the week" marker; After is null when the block goes beside the body.</summary>
    public (string Before, string? After) Body { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        string slug, [FromQuery(Name = "page")] int pageNumber = 1, [FromQuery] string? sort = null,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var published = db.Articles.AsNoTracking().Published(now);
        var article = await published
            .Where(a => a.Slug == slug)
            .Select(a => new ArticleView(
                a.Id, a.Slug, a.Title, a.Excerpt, a.BodyHtml, a.PublishedAt, a.UpdatedAt,
                a.Author.Name, a.Author.Slug, a.CategoryId,
                a.Category == null ? null : a.Category.Name,
                a.Category == null ? null : a.Category.Slug,
                a.CommentCount,
                a.CommentsClosed,
                a.Image == null ? null : new ImageView(a.Image.Path, a.Image.Alt, a.Image.Width, a.Image.Height),
                a.Tags.OrderBy(t => t.Name).Select(t => new TagLink(t.Slug, t.Name)).ToList()))
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        var thread = await threads.PageAsync(article.Id, pageNumber, CommentSorts.Parse(sort), cancellationToken);
        if (thread is null)
        {
            return NotFound();
        }

        Article = article;
        var closed = writer.IsClosed(article.CommentsClosed, article.PublishedAt, now);
        // Only a reader who has written or voted here gets personal actions (edit, delete); everyone else's page is cacheable.
        var reader = Readers.HasParticipantCookie(Request) ? readers.Current(HttpContext) : null;
        Discussion = new DiscussionView(article.Slug, article.CommentCount, thread, closed,
            new ThreadView(thread.Threads, thread.FirstNumber, article.Slug, closed, reader, now, discussionOptions.Value));
        Body = ArticleMarkdown.SplitAtNewsOfTheWeek(article.BodyHtml);
        Previous = await published
            .Where(a => a.PublishedAt < article.PublishedAt || (a.PublishedAt == article.PublishedAt && a.Id < article.Id))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Select(ArticleLink.FromArticle)
            .FirstOrDefaultAsync(cancellationToken);
        Next = await published
            .Where(a => a.PublishedAt > article.PublishedAt || (a.PublishedAt == article.PublishedAt && a.Id > article.Id))
            .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id)
            .Select(ArticleLink.FromArticle)
            .FirstOrDefaultAsync(cancellationToken);
        Related = await RelatedAsync(published, article, cancellationToken);
        WeekStories = await newsOfTheWeek.GetAsync(cancellationToken);
        return Page();
    }

    /// <summary>Articles sharing the most tags (the same category counts as one more), most recent first among equals.</summary>
    private static async Task<IReadOnlyList<ArticleLink>> RelatedAsync(
        IQueryable<Article> published, ArticleView article, CancellationToken cancellationToken)
    {
        var tagSlugs = article.Tags.Select(t => t.Slug).ToList();
        return await published
            .Where(a => a.Id != article.Id)
            .Select(a => new
            {
                Article = a,
                Shared = a.Tags.Count(t => tagSlugs.Contains(t.Slug)) + (a.CategoryId == article.CategoryId ? 1 : 0),
            })
            .Where(x => x.Shared > 0)
            .OrderByDescending(x => x.Shared).ThenByDescending(x => x.Article.PublishedAt)
            .Take(RelatedCount)
            .Select(x => new ArticleLink(x.Article.Slug, x.Article.Title, x.Article.PublishedAt))
            .ToListAsync(cancellationToken);
    }
}
