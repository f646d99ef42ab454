using Gazette.Articles;

namespace Gazette.Newsroom;

/// <summary>
/// When an article goes out, after a save. Publishing keeps the first publication's time (a correction is not news
/// again) unless the editor changed the time in the form; a first publication without a typed time goes out now.
/// Scheduling needs a time to come.
/// </summary>
public static class PublicationTime
{
    /// <param name="next">The status after the save.</param>
    /// <param name="stored">The article's stored time (null for a new article).</param>
    /// <param name="everPublished">The article has been published before.</param>
    /// <param name="formTime">The time in the form (null when empty).</param>
    /// <param name="changed">The form's time differs from the one it was given.</param>
    public static (DateTime At, string? Problem) Decide(
        ArticleStatus next, EditorAction action, DateTime? stored, bool everPublished, DateTime? formTime, bool changed, DateTime now)
    {
        switch (next)
        {
            case ArticleStatus.Scheduled when action == EditorAction.Schedule || changed:
                return formTime switch
                {
                    null => (now, "Choose when the article goes out."),
                    { } at when at <= now => (now, "That time has passed. Choose a time to come, or publish now."),
                    { } at => (at, null),
                };
            case ArticleStatus.Published when changed && formTime is { } chosen:
                return chosen > now
                    ? (now, "That time is still to come. Choose Schedule to publish the article then, or clear the time to publish it now.")
                    : (chosen, null);
            case ArticleStatus.Published:
                return (everPublished && stored is { } first ? first : now, null);
            default:
                return (changed && formTime is { } typed ? typed : stored ?? now, null);
        }
    }
}
