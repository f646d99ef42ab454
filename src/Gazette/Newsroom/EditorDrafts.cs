using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Newsroom;

/// <summary>
/// The editor's autosaved drafts (<see cref="EditorDraft"/>): kept per person and article, offered back when they are
/// newer than the article's last save, cleared when the article is saved.
/// </summary>
public sealed class EditorDrafts(GazetteDb db, TimeProvider clock)
{
    /// <summary>The text fields a draft keeps, as typed.</summary>
    public sealed record Fields(string Title, string Slug, string Excerpt, string Body);

    public const int MaxBodyLength = 1_000_000;

    /// <summary>A client key names a new article's draft until its first save: letters, digits and dashes, 8 to 64.</summary>
    public static bool IsClientKey(string? key) =>
        key is { Length: >= 8 and <= 64 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>Why these fields cannot be kept, or null.</summary>
    public static string? Problem(Fields fields) =>
        fields.Title.Length > EditorInput.MaxTitleLength ? $"The title is longer than {EditorInput.MaxTitleLength} characters."
        : fields.Slug.Length > EditorDraft.MaxSlugLength ? $"The address is longer than {EditorDraft.MaxSlugLength} characters."
        : fields.Excerpt.Length > EditorInput.MaxExcerptLength ? $"The excerpt is longer than {EditorInput.MaxExcerptLength} characters."
        : fields.Body.Length > MaxBodyLength ? $"The body is longer than {MaxBodyLength:N0} characters."
        : null;

    /// <summary>Keeps the fields as this person's draft of the article (or of the new article the key names); returns when.</summary>
    public async Task<DateTime> SaveAsync(string userId, string key, int? articleId, Fields fields, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = await db.EditorDrafts.FirstOrDefaultAsync(d => d.UserId == userId && d.Key == key, cancellationToken);
        if (draft is null)
        {
            draft = new EditorDraft { UserId = userId, Key = key, ArticleId = articleId };
            db.EditorDrafts.Add(draft);
        }
        draft.SavedAt = now;
        draft.Title = fields.Title;
        draft.Slug = fields.Slug;
        draft.Excerpt = fields.Excerpt;
        draft.BodyMarkdown = fields.Body;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (!Operations.DatabaseOutage.Is(e))
        {
            // The same person's two tabs made the draft at the same moment: the other one's row holds it; write into it.
            db.ChangeTracker.Clear();
            await db.EditorDrafts.Where(d => d.UserId == userId && d.Key == key).ExecuteUpdateAsync(set => set
                .SetProperty(d => d.SavedAt, now).SetProperty(d => d.Title, fields.Title).SetProperty(d => d.Slug, fields.Slug)
                .SetProperty(d => d.Excerpt, fields.Excerpt).SetProperty(d => d.BodyMarkdown, fields.Body), cancellationToken);
        }
        return now;
    }

    /// <summary>This person's draft of the article, when it was saved after the article itself.</summary>
    public Task<EditorDraft?> NewerOfArticleAsync(string userId, int articleId, DateTime articleSavedAt, CancellationToken cancellationToken) =>
        db.EditorDrafts.AsNoTracking()
            .Where(d => d.UserId == userId && d.Key == EditorDraft.KeyOf(articleId) && d.SavedAt > articleSavedAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>This person's latest draft of an article never saved (the tab was closed before its first save).</summary>
    public Task<EditorDraft?> LatestNewAsync(string userId, CancellationToken cancellationToken) =>
        db.EditorDrafts.AsNoTracking()
            .Where(d => d.UserId == userId && d.ArticleId == null)
            .OrderByDescending(d => d.SavedAt)
            .FirstOrDefaultAsync(cancellationToken);

    public Task<EditorDraft?> FindAsync(string userId, string key, CancellationToken cancellationToken) =>
        db.EditorDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.UserId == userId && d.Key == key, cancellationToken);

    public Task<int> DiscardAsync(string userId, string key, CancellationToken cancellationToken) =>
        db.EditorDrafts.Where(d => d.UserId == userId && d.Key == key).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The article was saved: this person's draft of it, and of the new article it began as, are done with.</summary>
    public Task<int> ClearAsync(string userId, int articleId, string? clientKey, CancellationToken cancellationToken)
    {
        var keys = new List<string> { EditorDraft.KeyOf(articleId) };
        if (IsClientKey(clientKey))
        {
            keys.Add(EditorDraft.KeyOfNew(clientKey!));
        }
        return db.EditorDrafts.Where(d => d.UserId == userId && keys.Contains(d.Key)).ExecuteDeleteAsync(cancellationToken);
    }
}
