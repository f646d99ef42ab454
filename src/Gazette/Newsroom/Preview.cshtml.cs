using Gazette.Articles;
using Gazette.Data;
using Gazette.Media;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Newsroom;

/// <summary>
/// /admin/articles/{id}/preview: the story exactly as its public page shows it, whatever its state. Posted from the
/// editor (also /admin/articles/preview for a new article), it shows the edits as typed, without saving them.
/// </summary>
public sealed class PreviewModel(
    GazetteDb db, Staffers staffers, ArticleChecks checks, KeptImages keptImages, ImageUploads uploads,
    StoryPreviews previews, SiteTime siteTime, TimeProvider clock)
    : ArticleFormPage(db, staffers, checks, keptImages, uploads)
{
    public StoryView Story { get; private set; } = null!;

    /// <summary>Edits not saved: the preview says so, and lists what a save would refuse.</summary>
    public bool Unsaved { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return NotFound();
        }
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        Story = (await previews.OfArticleAsync(id.Value, cancellationToken))!;
        Infrastructure.SecurityHeaders.AllowEmbedFrames(Response, Story.Body.Before + Story.Body.After);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        await PreviewEditsAsync(cancellationToken);
        Infrastructure.SecurityHeaders.AllowEmbedFrames(Response, Story.Body.Before + Story.Body.After);
        return Page();
    }

    /// <summary>
    /// The editor's live preview (?handler=fragment): the same story, rendered by the same partial, without the page
    /// around it. The script leaves the image file out of what it posts; a save's refusals do not matter here.
    /// </summary>
    public async Task<IActionResult> OnPostFragmentAsync(int? id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        await PreviewEditsAsync(cancellationToken);
        Infrastructure.NoCache.Apply(Response);
        return Partial("/Articles/_Story.cshtml", Story);
    }

    private async Task PreviewEditsAsync(CancellationToken cancellationToken)
    {
        var content = await ReadContentAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var publishedAt = Input.PublishAt is { Length: > 0 } typed && siteTime.Parse(typed).Utc is { } at
            ? at
            : Article is { Status: ArticleStatus.Published or ArticleStatus.Scheduled or ArticleStatus.Unpublished } ? Article.PublishedAt : now;
        Story = await previews.OfEditsAsync(Article?.Id, content, Staffer, Input.AuthorId == 0 ? null : Input.AuthorId,
            publishedAt, Input.CommentsClosed, cancellationToken);
        Unsaved = true;
    }
}
