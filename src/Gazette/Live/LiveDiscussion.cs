using Gazette.Comments;

namespace Gazette.Live;

/// <summary>What happened to a comment, as the code that changed it knows it.</summary>
public enum CommentChange
{
    /// <summary>Posted (in whatever status the screening gave it).</summary>
    Written,

    /// <summary>Its status moved: a moderator's decision, an appeal, readers' flags, its author deleting it.</summary>
    Moved,

    /// <summary>Its text changed (by its author or a moderator); an edit the screening holds moves its status too.</summary>
    Edited,

    /// <summary>Its votes changed.</summary>
    Voted,
}

/// <summary>The kinds of event a stream carries.</summary>
public static class LiveKinds
{
    /// <summary>A comment became public (posted, or approved): readers get it behind the "new comments" bar.</summary>
    public const string Added = "added";

    /// <summary>A public comment's text changed.</summary>
    public const string Edited = "edited";

    /// <summary>Its author deleted a public comment: its placeholder, or nothing when it has no replies.</summary>
    public const string Deleted = "deleted";

    /// <summary>A public comment stopped being public (held by flags or an edit, trashed, marked as spam).</summary>
    public const string Removed = "removed";

    /// <summary>A public comment's score changed.</summary>
    public const string Score = "score";

    /// <summary>The moderation queue: a comment now waits there.</summary>
    public const string Held = "held";

    /// <summary>The moderation queue: a moderator decided on a comment.</summary>
    public const string Decided = "decided";

    /// <summary>The moderation queue: a moderator opened a comment to work on it.</summary>
    public const string Opened = "opened";
}

/// <summary>
/// The one place that decides what readers are told about a change to a comment: only what is public, as
/// <see cref="CommentLifecycle"/> says what each status shows. A held, spam or shadow-banned comment (its author alone
/// sees it, as published or waiting) is never sent to anyone: its author's page shows it already.
/// </summary>
public static class LiveDiscussion
{
    /// <summary>The event readers get for a change from one status to another, or null for none.</summary>
    public static string? KindOf(CommentChange change, CommentStatus before, CommentStatus after)
    {
        var wasVisible = change != CommentChange.Written && CommentLifecycle.IsVisible(before);
        var isVisible = CommentLifecycle.IsVisible(after);
        return change switch
        {
            CommentChange.Written => isVisible ? LiveKinds.Added : null,
            CommentChange.Voted => isVisible ? LiveKinds.Score : null,
            _ when wasVisible && isVisible => change == CommentChange.Edited ? LiveKinds.Edited : null,
            _ when !wasVisible && isVisible => LiveKinds.Added,
            _ when wasVisible && after == CommentStatus.Deleted => LiveKinds.Deleted,
            _ when wasVisible => LiveKinds.Removed,
            _ => null,
        };
    }

    /// <summary>Whether the moderation queue is told that a comment now waits there (a new item).</summary>
    public static bool EntersQueue(CommentChange change, CommentStatus before, CommentStatus after) =>
        after == CommentStatus.Pending && (change == CommentChange.Written || before != CommentStatus.Pending);
}
