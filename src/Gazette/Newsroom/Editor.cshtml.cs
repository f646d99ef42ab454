using Gazette.Articles;
using Gazette.Data;
using Gazette.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>
/// /admin/articles/new and /admin/articles/{id}: write and edit an article, and move it through its states
/// (save, submit for review, publish, schedule, unpublish). Each save keeps a revision.
/// </summary>
public sealed class EditorModel(
    GazetteDb db, Staffers staffers, ArticleChecks checks, KeptImages keptImages, ImageUploads uploads,
    ArticleWriter writer, EditorChoices choices, SiteTime siteTime, TimeProvider clock)
    : ArticleFormPage(db, staffers, checks, keptImages, uploads)
{
    /// <summary>The button pressed.</summary>
    [BindProperty]
    public string? Do { get; set; }

    [TempData]
    public string? Done { get; set; }

    public EditorLists Lists { get; private set; } = null!;

    /// <summary>The article has been public: its publication time shows in the form.</summary>
    public bool EverPublished { get; private set; }

    public string ZoneName => siteTime.ZoneName;

    public SiteTime SiteTime => siteTime;

    /// <summary>An author may no longer change a published or scheduled article: the editors do.</summary>
    public bool ReadOnly => Article is { } article && !Staffer.MayPublish && !ArticleLifecycle.AuthorMayChange(article.Status);

    /// <summary>This person's autosaved draft, newer than the article's last save: offered back (or restored, when asked).</summary>
    public EditorDraft? Draft { get; private set; }

    /// <summary>The form shows the draft's text, not the article's: not saved yet.</summary>
    public bool DraftRestored { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, [FromQuery] string? restore, [FromServices] EditorDrafts drafts, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        Input = Article is null ? new EditorInput { AuthorId = Staffer.OwnAuthorId ?? 0 } : await InputOfAsync(Article.Id, cancellationToken);
        await PrepareAsync(cancellationToken);
        await OfferDraftAsync(restore, drafts, cancellationToken);
        return Page();
    }

    private async Task OfferDraftAsync(string? restore, EditorDrafts drafts, CancellationToken cancellationToken)
    {
        Draft = Article is null
            ? await drafts.LatestNewAsync(Staffer.UserId, cancellationToken)
            : await drafts.NewerOfArticleAsync(Staffer.UserId, Article.Id, await Db.Articles.Where(a => a.Id == Article.Id).Select(a => a.UpdatedAt).FirstAsync(cancellationToken), cancellationToken);
        if (Draft is null || restore != Draft.Key || ReadOnly)
        {
            return;
        }
        Input.Title = Draft.Title;
        Input.Slug = Draft.Slug;
        Input.Excerpt = Draft.Excerpt;
        Input.Body = Draft.BodyMarkdown;
        Input.DraftKey = Article is null ? Draft.Key["new-".Length..] : null;
        DraftRestored = true;
    }

    public async Task<IActionResult> OnPostAsync(int? id, [FromServices] EditorDrafts drafts, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        var action = Enum.TryParse<EditorAction>(Do, ignoreCase: true, out var pressed) ? pressed : EditorAction.Save;
        if (ArticleLifecycle.NeedsPublishRight(action) && !Staffer.MayPublish)
        {
            return Forbid();
        }
        await PrepareAsync(cancellationToken);
        if (ReadOnly)
        {
            ModelState.AddModelError("", "This article is published or scheduled: only an editor can change it now.");
            return Page();
        }

        var content = await ReadContentAsync(cancellationToken);
        var (next, refusal) = ArticleLifecycle.Next(Article?.Status, action);
        if (refusal is not null)
        {
            ModelState.AddModelError("", refusal);
        }
        var publishedAt = DecideTime(next, action);
        var pins = Staffer.MayPublish ? await ReadPinsAsync(cancellationToken) : null;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var note = ArticleLifecycle.Note(action, Article is null) + (string.IsNullOrWhiteSpace(Input.Note) ? "" : $": {Input.Note.Trim()}");
        var byline = new Byline(Input.AuthorId == 0 ? null : Input.AuthorId);
        Article saved;
        try
        {
            saved = await writer.SaveAsync(Article?.Id,
                new ArticleWriter.Change(content, byline, Input.CommentsClosed, next, publishedAt, pins, note), Staffer, cancellationToken);
        }
        catch (DbUpdateException e) when (!Operations.DatabaseOutage.Is(e))
        {
            // Two people took the same address at the same moment: the database's unique index told the second.
            ModelState.AddModelError("Input.Slug", $"The address /articles/{content.Slug} was taken just now. Choose another.");
            return Page();
        }
        await drafts.ClearAsync(Staffer.UserId, saved.Id, Input.DraftKey, cancellationToken);
        Done = next switch
        {
            ArticleStatus.Scheduled => $"Scheduled: it goes out on {siteTime.ToInput(saved.PublishedAt).Replace('T', ' ')} ({siteTime.ZoneName}).",
            _ => $"{note}.",
        };
        return Redirect($"/admin/articles/{saved.Id}");
    }

    private DateTime DecideTime(ArticleStatus next, EditorAction action)
    {
        var typed = Input.PublishAt?.Trim() ?? "";
        DateTime? formTime = null;
        if (typed.Length > 0)
        {
            var (utc, problem) = siteTime.Parse(typed);
            if (problem is not null)
            {
                ModelState.AddModelError("Input.PublishAt", problem);
                return clock.GetUtcNow().UtcDateTime;
            }
            formTime = utc;
        }
        var shown = Article is not null && ShowsTime(Article.Status) ? siteTime.ToInput(Article.PublishedAt) : "";
        var (at, timeProblem) = PublicationTime.Decide(
            next, action, Article?.PublishedAt, EverPublished, formTime, changed: typed != shown, clock.GetUtcNow().UtcDateTime);
        if (timeProblem is not null)
        {
            ModelState.AddModelError("Input.PublishAt", timeProblem);
        }
        return at;
    }

    private async Task<PinChoice> ReadPinsAsync(CancellationToken cancellationToken)
    {
        Input.PadPins();
        // As many as the form has fields, whatever a forged post sends.
        var (related, relatedProblems) = await Checks.PinsAsync(Input.RelatedPins.Take(EditorInput.RelatedPinCount).ToList(), Article?.Id, cancellationToken);
        var (week, weekProblems) = await Checks.PinsAsync(Input.WeekPins.Take(EditorInput.WeekPinCount).ToList(), Article?.Id, cancellationToken);
        foreach (var (i, problem) in relatedProblems)
        {
            ModelState.AddModelError($"Input.RelatedPins[{i}]", problem);
        }
        foreach (var (i, problem) in weekProblems)
        {
            ModelState.AddModelError($"Input.WeekPins[{i}]", problem);
        }
        return new PinChoice(related, week);
    }

    private bool ShowsTime(ArticleStatus status) => EverPublished || status is ArticleStatus.Scheduled or ArticleStatus.Published or ArticleStatus.Unpublished;

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Lists = await choices.GetAsync(Staffer, cancellationToken);
        EverPublished = Article is not null && await writer.WasEverPublishedAsync(Article.Id, Article.Status, cancellationToken);
        Input.PadPins();
    }

    private async Task<EditorInput> InputOfAsync(int id, CancellationToken cancellationToken)
    {
        var article = await Db.Articles.AsNoTracking().Include(a => a.Tags).FirstAsync(a => a.Id == id, cancellationToken);
        var pins = await Db.ArticlePins.AsNoTracking().Where(p => p.ArticleId == id)
            .Join(Db.Articles, p => p.PinnedArticleId, a => a.Id, (p, a) => new { p.Kind, p.Position, a.Slug })
            .OrderBy(p => p.Position).ToListAsync(cancellationToken);
        EverPublished = await writer.WasEverPublishedAsync(article.Id, article.Status, cancellationToken);
        return new EditorInput
        {
            Title = article.Title,
            Slug = article.Slug,
            Excerpt = article.Excerpt,
            Body = article.BodyMarkdown,
            KeptImage = article.Image is null ? null : KeptImages.Protect(article.Image),
            ImageAlt = article.Image?.Alt,
            CategoryId = article.CategoryId,
            Tags = string.Join(", ", article.Tags.Select(t => t.Name).Order(StringComparer.Ordinal)),
            AuthorId = article.AuthorId,
            CommentsClosed = article.CommentsClosed,
            PublishAt = ShowsTime(article.Status) ? siteTime.ToInput(article.PublishedAt) : null,
            RelatedPins = pins.Where(p => p.Kind == PinKind.Related).Select(p => (string?)p.Slug).ToList(),
            WeekPins = pins.Where(p => p.Kind == PinKind.NewsOfTheWeek).Select(p => (string?)p.Slug).ToList(),
        };
    }
}
