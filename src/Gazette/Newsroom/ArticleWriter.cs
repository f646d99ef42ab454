using Gazette.Articles;
using Gazette.Core.Text;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>An article's content as the editor (or a restored revision) gives it, already checked.</summary>
public sealed record ArticleContent(
    string Title, string Slug, string Excerpt, string BodyMarkdown, FeaturedImage? Image, int? CategoryId, IReadOnlyList<string> TagNames);

/// <summary>
/// Who writes under which bylines: a chosen first author (editors), or null for the staff member's own, then (editors
/// only) the others in order.
/// </summary>
public sealed record Byline(int? AuthorId, IReadOnlyList<int>? More = null);

/// <summary>Editors' picks for the article's page, in order.</summary>
public sealed record PinChoice(IReadOnlyList<int> Related, IReadOnlyList<int> Week);

/// <summary>
/// Every write of the newsroom to an article, in one transaction: its content and status, the body rendered once,
/// tags found or made, a redirect from an address readers may have (once it had been published), the editors'
/// pins, and a revision. Then the caches of what changed let go.
/// </summary>
public sealed class ArticleWriter(GazetteDb db, WriteGate writes, SiteCache siteCache, Staffers staffers, TimeProvider clock, Media.StoredImages storedImages)
{
    /// <param name="BaseRevision">The article's latest revision when the form was opened (0: it had none); null skips the check.</param>
    public sealed record Change(
        ArticleContent Content, Byline Byline, bool CommentsClosed, ArticleStatus Status, DateTime PublishedAt, PinChoice? Pins, string Note,
        int? BaseRevision = null);

    public async Task<Article> SaveAsync(int? articleId, Change change, Staffer who, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Article article;
        string? oldSlug;
        bool wasPublished;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            if (articleId is { } id)
            {
                if (change.BaseRevision is { } expected)
                {
                    await RefuseSaveOverOthersAsync(id, expected, cancellationToken);
                }
                article = await db.Articles.Include(a => a.Tags).FirstAsync(a => a.Id == id, cancellationToken);
                oldSlug = article.Slug;
                wasPublished = await WasEverPublishedAsync(article.Id, article.Status, cancellationToken);
                await KeepFirstVersionAsync(article, cancellationToken);
            }
            else
            {
                article = new Article { Slug = change.Content.Slug, Title = change.Content.Title, CreatedAt = now };
                db.Articles.Add(article);
                (oldSlug, wasPublished) = (null, false);
            }

            // An Author changing an article keeps its bylines (they may be its second); only editors choose them.
            var choosesBylines = who.MayPublish || articleId is null;
            if (choosesBylines)
            {
                article.Author = change.Byline.AuthorId is { } authorId && who.MayPublish
                    ? await db.Authors.FirstAsync(a => a.Id == authorId, cancellationToken)
                    : await staffers.OwnAuthorAsync(who, cancellationToken);
            }
            await ApplyAsync(article, change.Content, cancellationToken);
            article.CommentsClosed = change.CommentsClosed;
            article.Status = change.Status;
            article.PublishedAt = change.PublishedAt;
            article.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);

            await KeepOldAddressAsync(article, oldSlug, wasPublished, now, cancellationToken);
            if (choosesBylines)
            {
                await ReplaceBylinesAsync(article.Id, [article.AuthorId, .. who.MayPublish ? change.Byline.More ?? [] : []], cancellationToken);
            }
            if (change.Pins is { } pins)
            {
                await ReplacePinsAsync(article.Id, pins, cancellationToken);
            }
            db.ArticleRevisions.Add(RevisionCopies.Of(article, who, change.Note, now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await EvictAsync(oldSlug, article.Slug, cancellationToken);
        return article;
    }

    /// <summary>Puts a revision's content back; the status, publication time and pins stay as they are.</summary>
    public async Task RestoreAsync(int articleId, ArticleRevision revision, int number, Staffer who, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        string oldSlug;
        string newSlug;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            var article = await db.Articles.Include(a => a.Tags).FirstAsync(a => a.Id == articleId, cancellationToken);
            oldSlug = article.Slug;
            var wasPublished = await WasEverPublishedAsync(article.Id, article.Status, cancellationToken);
            await ApplyAsync(article, RevisionCopies.ContentOf(revision), cancellationToken);
            if (article.AuthorId != revision.AuthorId && await db.Authors.AnyAsync(a => a.Id == revision.AuthorId, cancellationToken))
            {
                // The revision's first byline comes back first; the others stay, after it.
                var others = await db.ArticleBylines.Where(b => b.ArticleId == articleId).OrderBy(b => b.Position).Select(b => b.AuthorId).ToListAsync(cancellationToken);
                article.AuthorId = revision.AuthorId;
                await ReplaceBylinesAsync(articleId, [revision.AuthorId, .. others], cancellationToken);
            }
            article.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await KeepOldAddressAsync(article, oldSlug, wasPublished, now, cancellationToken);
            db.ArticleRevisions.Add(RevisionCopies.Of(article, who, $"Restored revision {number}", now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            newSlug = article.Slug;
        }
        await EvictAsync(oldSlug, newSlug, cancellationToken);
    }

    /// <summary>The article's latest revision's id, or 0 when it has none yet: the version an editor's form starts from.</summary>
    public async Task<int> LatestRevisionAsync(int articleId, CancellationToken cancellationToken) =>
        await db.ArticleRevisions.Where(r => r.ArticleId == articleId).MaxAsync(r => (int?)r.Id, cancellationToken) ?? 0;

    /// <summary>
    /// Optimistic concurrency: a save made from a form opened on an older version than the latest would silently undo
    /// what was saved meanwhile. The article's row is locked first (a no-op update), so that on PostgreSQL two saves of
    /// the same version cannot both pass the check; SQLite's writes are one at a time already.
    /// </summary>
    private async Task RefuseSaveOverOthersAsync(int articleId, int expected, CancellationToken cancellationToken)
    {
        await db.Articles.Where(a => a.Id == articleId).ExecuteUpdateAsync(set => set.SetProperty(a => a.UpdatedAt, a => a.UpdatedAt), cancellationToken);
        var latest = await LatestRevisionAsync(articleId, cancellationToken);
        if (latest != expected)
        {
            throw new EditConflictException(expected, latest);
        }
    }

    /// <summary>
    /// An article that never went through the newsroom (imported, or from the demo) has no revision yet: its content
    /// as it was is kept first, so the first edit can be compared and undone like any other.
    /// </summary>
    private async Task KeepFirstVersionAsync(Article article, CancellationToken cancellationToken)
    {
        if (await db.ArticleRevisions.AnyAsync(r => r.ArticleId == article.Id, cancellationToken))
        {
            return;
        }
        var before = RevisionCopies.Of(article, new Staffer("", "", false, null), "As it was before its first edit in the newsroom", article.UpdatedAt);
        before.SavedByUserId = null;
        db.ArticleRevisions.Add(before);
    }

    private async Task ApplyAsync(Article article, ArticleContent content, CancellationToken cancellationToken)
    {
        article.Title = content.Title;
        article.Slug = content.Slug;
        article.Excerpt = content.Excerpt;
        article.BodyMarkdown = content.BodyMarkdown;
        article.BodyHtml = ArticleMarkdown.ToHtml(content.BodyMarkdown, storedImages.Find);
        article.BodyText = ArticleMarkdown.ToPlainText(content.BodyMarkdown);
        article.Image = content.Image is { } image
            // The kind as stored: a revision restored, or a form's image, may not say it.
            ? new FeaturedImage { Path = image.Path, Alt = image.Alt, Width = image.Width, Height = image.Height, Kind = storedImages.Find(image.Path)?.Kind ?? image.Kind }
            : null;
        // A category removed since (a restored revision's) is dropped rather than refused.
        article.CategoryId = content.CategoryId is { } categoryId && await db.Categories.AnyAsync(c => c.Id == categoryId, cancellationToken)
            ? categoryId
            : null;
        article.Tags.Clear();
        article.Tags.AddRange(await TagsAsync(content.TagNames, cancellationToken));
    }

    /// <summary>The tags of these names, matched by address; the ones that do not exist yet are made.</summary>
    private async Task<List<Tag>> TagsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var bySlug = names.GroupBy(Slug.From).Where(g => g.Key.Length > 0).ToDictionary(g => g.Key, g => g.First());
        var slugs = bySlug.Keys.ToList();
        var existing = await db.Tags.Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, cancellationToken);
        return bySlug.Select(pair => existing.TryGetValue(pair.Key, out var tag) ? tag : new Tag { Slug = pair.Key, Name = pair.Value }).ToList();
    }

    /// <summary>
    /// Once an article has been public, links to its old address exist: that address keeps leading to it. Redirects
    /// point at the article, not at an address, so a chain of renames never chains (A and B both lead to C). An
    /// article given back a former address of its own no longer redirects from it.
    /// </summary>
    private async Task KeepOldAddressAsync(Article article, string? oldSlug, bool wasPublished, DateTime now, CancellationToken cancellationToken)
    {
        if (oldSlug is null || oldSlug == article.Slug)
        {
            return;
        }
        await db.SlugRedirects.Where(r => r.OldSlug == article.Slug).ExecuteDeleteAsync(cancellationToken);
        if (wasPublished && !await db.SlugRedirects.AnyAsync(r => r.OldSlug == oldSlug, cancellationToken))
        {
            db.SlugRedirects.Add(new SlugRedirect { OldSlug = oldSlug, ArticleId = article.Id, CreatedAt = now });
        }
    }

    /// <summary>The article's bylines become these, in order, each once; the first is its <see cref="Article.AuthorId"/>. Saved with the next SaveChanges.</summary>
    private async Task ReplaceBylinesAsync(int articleId, IReadOnlyList<int> authorIds, CancellationToken cancellationToken)
    {
        await db.ArticleBylines.Where(b => b.ArticleId == articleId).ExecuteDeleteAsync(cancellationToken);
        db.ArticleBylines.AddRange(authorIds.Distinct().Take(ArticleByline.MaxCount)
            .Select((authorId, i) => new ArticleByline { ArticleId = articleId, Position = i, AuthorId = authorId }));
    }

    private async Task ReplacePinsAsync(int articleId, PinChoice pins, CancellationToken cancellationToken)
    {
        await db.ArticlePins.Where(p => p.ArticleId == articleId).ExecuteDeleteAsync(cancellationToken);
        db.ArticlePins.AddRange(pins.Related.Select((pinned, i) =>
            new ArticlePin { ArticleId = articleId, Kind = PinKind.Related, Position = i, PinnedArticleId = pinned }));
        db.ArticlePins.AddRange(pins.Week.Select((pinned, i) =>
            new ArticlePin { ArticleId = articleId, Kind = PinKind.NewsOfTheWeek, Position = i, PinnedArticleId = pinned }));
    }

    /// <summary>Published now, or at some time before (its history says so).</summary>
    public async Task<bool> WasEverPublishedAsync(int articleId, ArticleStatus status, CancellationToken cancellationToken) =>
        status is ArticleStatus.Published or ArticleStatus.Unpublished
        || await db.ArticleRevisions.AnyAsync(r => r.ArticleId == articleId && r.Status == ArticleStatus.Published, cancellationToken);

    private async Task EvictAsync(string? oldSlug, string newSlug, CancellationToken cancellationToken)
    {
        if (oldSlug is not null && oldSlug != newSlug)
        {
            await siteCache.ArticleChangedAsync(oldSlug, cancellationToken);
        }
        await siteCache.ArticleChangedAsync(newSlug, cancellationToken);
    }
}

/// <summary>Someone saved the article after the form being saved was opened: <see cref="Latest"/> is their revision.</summary>
public sealed class EditConflictException(int baseRevision, int latest)
    : Exception($"The article was saved as revision {latest} after the form was opened on revision {baseRevision}.")
{
    public int BaseRevision => baseRevision;
    public int Latest => latest;
}
