using Gazette.Articles;

namespace Gazette.Newsroom;

/// <summary>What a button of the editor asks for.</summary>
public enum EditorAction
{
    /// <summary>Keep the status (a new article is a draft).</summary>
    Save,

    /// <summary>An author hands the article to the editors.</summary>
    Submit,
    Publish,
    Schedule,
    Unpublish,
}

/// <summary>
/// The publishing states and the moves between them: Draft → Submitted (authors ask for review) → Scheduled or
/// Published (editors) → Unpublished. Saving keeps the status; only editors publish, schedule or unpublish.
/// </summary>
public static class ArticleLifecycle
{
    public static bool NeedsPublishRight(EditorAction action) => action is EditorAction.Publish or EditorAction.Schedule or EditorAction.Unpublish;

    /// <summary>Whether an author may still change an article in this state (published and scheduled ones are the editors').</summary>
    public static bool AuthorMayChange(ArticleStatus status) => status is not (ArticleStatus.Published or ArticleStatus.Scheduled);

    /// <summary>The status after the action, or why the action does not apply to the current one (null: a new article).</summary>
    public static (ArticleStatus Next, string? Refusal) Next(ArticleStatus? current, EditorAction action) => action switch
    {
        _ when current is ArticleStatus.Trashed => (current.Value, "This article is in the trash. Restore it first."),
        EditorAction.Save => (current ?? ArticleStatus.Draft, null),
        EditorAction.Submit when current is ArticleStatus.Published or ArticleStatus.Scheduled =>
            (current.Value, "This article is already published or scheduled: there is nothing to submit."),
        EditorAction.Submit => (ArticleStatus.Submitted, null),
        EditorAction.Publish => (ArticleStatus.Published, null),
        EditorAction.Schedule when current is ArticleStatus.Published =>
            (current.Value, "This article is published. Unpublish it first if it should go out again later."),
        EditorAction.Schedule => (ArticleStatus.Scheduled, null),
        EditorAction.Unpublish when current is ArticleStatus.Published or ArticleStatus.Scheduled => (ArticleStatus.Unpublished, null),
        EditorAction.Unpublish => (current ?? ArticleStatus.Draft, "This article is not published: there is nothing to unpublish."),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>The revision's note for a save that did this.</summary>
    public static string Note(EditorAction action, bool isNew) => action switch
    {
        EditorAction.Save when isNew => "Created",
        EditorAction.Save => "Saved",
        EditorAction.Submit => "Submitted for review",
        EditorAction.Publish => "Published",
        EditorAction.Schedule => "Scheduled",
        _ => "Unpublished",
    };

    /// <summary>
    /// Moves an article to the trash, from any state: gone from every public page, feed and count, kept with its comments
    /// and the state it was in, until <see cref="NewsroomOptions.TrashDays"/> after <paramref name="now"/>. Null, or why it cannot go.
    /// </summary>
    public static string? Trash(Article article, DateTime now)
    {
        if (article.Status == ArticleStatus.Trashed)
        {
            return "This article is already in the trash.";
        }
        article.TrashedFrom = article.Status;
        article.Status = ArticleStatus.Trashed;
        article.TrashedAt = now;
        return null;
    }

    /// <summary>Brings an article back from the trash as it was (a draft when that is unknown). Null, or why it cannot.</summary>
    public static string? Restore(Article article)
    {
        if (article.Status != ArticleStatus.Trashed)
        {
            return "This article is not in the trash.";
        }
        article.Status = article.TrashedFrom ?? ArticleStatus.Draft;
        article.TrashedFrom = null;
        article.TrashedAt = null;
        return null;
    }

    /// <summary>When an article trashed at this time is purged for good.</summary>
    public static DateTime PurgedAt(DateTime trashedAt, int trashDays) => trashedAt.AddDays(trashDays);

    public static string Label(ArticleStatus status) => status switch
    {
        ArticleStatus.Submitted => "Submitted for review",
        ArticleStatus.Trashed => "In the trash",
        _ => status.ToString(),
    };
}
