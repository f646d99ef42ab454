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
    ArticleWriter writer, EditorChoices choices, SiteTime siteTime, TimeProvider clock, EditorPresences presences)
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

    /// <summary>The other staff members who have this article open (see <see cref="EditorPresences"/>).</summary>
    public IReadOnlyList<string> OthersHere { get; private set; } = [];

    public int PresenceSeconds => presences.HeartbeatSeconds;

    /// <summary>The latest save: who made it and when.</summary>
    public RevisionRow? LastSave { get; private set; }

    /// <summary>How a publication time that happens twice (the clocks going back) was read, to say so.</summary>
    private string? TimeResolved { get; set; }

    /// <summary>Set when this save was refused because someone else saved the article after the form was opened.</summary>
    public EditConflict? Conflict { get; private set; }

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
        if (Article is not null)
        {
            OthersHere = await presences.BeatAsync(Article.Id, Staffer, cancellationToken);
        }
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


    /// <summary>The open editor's heartbeat: notes this staff member is here, answers who else is.</summary>
    public async Task<IActionResult> OnPostPresenceAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return NotFound();
        }
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        var others = await presences.BeatAsync(id.Value, Staffer, cancellationToken);
        return new JsonResult(new { others, sentence = EditorPresences.Sentence(others) });
    }

    /// <summary>The editor is being closed (sent as the page goes away).</summary>
    public async Task<IActionResult> OnPostLeaveAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return NotFound();
        }
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        await presences.LeaveAsync(id.Value, Staffer, cancellationToken);
        return new NoContentResult();
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
        var byline = new Byline(Input.AuthorId == 0 ? null : Input.AuthorId,
            Input.MoreAuthorIds.Take(ArticleByline.MaxCount - 1).Where(authorId => authorId > 0).ToList());
        Article saved;
        try
        {
            saved = await writer.SaveAsync(Article?.Id,
                new ArticleWriter.Change(content, byline, Input.CommentsClosed, next, publishedAt, pins, note, Input.BaseRevision), Staffer, cancellationToken);
        }
        catch (EditConflictException conflict)
        {
            await ShowConflictAsync(conflict, cancellationToken);
            return Page();
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
            ArticleStatus.Scheduled => $"Scheduled: it goes out on {siteTime.Words(saved.PublishedAt)} ({siteTime.ZoneName}).",
            _ => $"{note}.",
        } + (TimeResolved is { } resolved ? " " + resolved : "");
        return Redirect($"/admin/articles/{saved.Id}");
    }

    /// <summary>
    /// Nothing is saved and nothing typed is lost: the form comes back as sent, with what the others changed since it was
    /// opened, and now counts from their version, so saving again (having brought in what should stay) goes through.
    /// </summary>
    private async Task ShowConflictAsync(EditConflictException conflict, CancellationToken cancellationToken)
    {
        var revisions = await Db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == Article!.Id && (r.Id == conflict.BaseRevision || r.Id == conflict.Latest))
            .ToListAsync(cancellationToken);
        var latest = revisions.Single(r => r.Id == conflict.Latest);
        // A form opened before the article had any revision starts from the copy kept of it as it was.
        var from = revisions.FirstOrDefault(r => r.Id == conflict.BaseRevision)
            ?? await Db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == Article!.Id).OrderBy(r => r.Id).FirstAsync(cancellationToken);
        var savedBy = latest.SavedByName.Length > 0 ? latest.SavedByName : "Someone";
        Conflict = new EditConflict(savedBy, latest.SavedAt, RevisionDiff.Compare(from, latest).Where(f => f.Changed).ToList());
        ModelState.AddModelError("",
            $"Not saved: {savedBy} saved this article at {siteTime.Words(latest.SavedAt)} ({siteTime.ZoneName}), after you opened it. "
            + "What they changed is shown below and your text is still in the form: bring in what should stay, then save again.");
        Input.BaseRevision = conflict.Latest;
        ModelState.Remove("Input.BaseRevision");
    }

    private DateTime DecideTime(ArticleStatus next, EditorAction action)
    {
        var typed = Input.PublishAt?.Trim() ?? "";
        DateTime? formTime = null;
        if (typed.Length > 0)
        {
            var (utc, problem, resolved) = siteTime.Read(typed);
            if (problem is not null)
            {
                ModelState.AddModelError("Input.PublishAt", problem);
                return clock.GetUtcNow().UtcDateTime;
            }
            formTime = utc;
            TimeResolved = resolved;
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
        LastSave = Article is null ? null : await Db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == Article.Id)
            .OrderByDescending(r => r.Id).Select(r => new RevisionRow(r.Id, 0, r.SavedAt, r.SavedByName, r.Note, r.Title, r.Status))
            .FirstOrDefaultAsync(cancellationToken);
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
            MoreAuthorIds = await Db.ArticleBylines.AsNoTracking().Where(b => b.ArticleId == id && b.Position > 0)
                .OrderBy(b => b.Position).Select(b => b.AuthorId).ToListAsync(cancellationToken),
            CommentsClosed = article.CommentsClosed,
            PublishAt = ShowsTime(article.Status) ? siteTime.ToInput(article.PublishedAt) : null,
            BaseRevision = await writer.LatestRevisionAsync(id, cancellationToken),
            RelatedPins = pins.Where(p => p.Kind == PinKind.Related).Select(p => (string?)p.Slug).ToList(),
            WeekPins = pins.Where(p => p.Kind == PinKind.NewsOfTheWeek).Select(p => (string?)p.Slug).ToList(),
        };
    }
}

/// <summary>A save refused because <see cref="SavedBy"/> saved the article meanwhile, and what they changed.</summary>
public sealed record EditConflict(string SavedBy, DateTime SavedAt, IReadOnlyList<FieldDiff> Fields);
