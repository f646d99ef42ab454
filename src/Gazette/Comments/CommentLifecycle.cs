using System.Linq.Expressions;
using Gazette.Core.Text;

namespace Gazette.Comments;

/// <summary>Who moves a comment from one status to another.</summary>
public enum CommentMover
{
    /// <summary>Its author: deleting it, or an edit the screening holds.</summary>
    Author,

    /// <summary>A moderator's decision, or an appeal decided.</summary>
    Moderator,

    /// <summary>Readers' flags, when enough of them hold a published comment.</summary>
    Readers,
}

/// <summary>
/// A comment's rules, in one place for everything that creates or changes comments (the writer, moderation, flags,
/// appeals, the demo loader and generator, imports): where a comment sits in its thread, its body rendered once, what
/// each status shows and counts, which moves between statuses are allowed and to whom, how the article's count of
/// visible comments follows them (<c>CommentLifecycle.Counts.cs</c>), how long its author may edit it and how deep a
/// thread is drawn before it continues on its own page.
/// </summary>
public static partial class CommentLifecycle
{
    /// <summary>
    /// Puts a comment in its thread: under <paramref name="parent"/> (null: top level), with the top-level comment it
    /// belongs under and its depth. A parent not saved yet (a whole thread made in memory, saved at once) is linked by
    /// its navigations, so the ids are filled in when they are saved; a saved one by its ids.
    /// </summary>
    public static void Place(Comment comment, Comment? parent)
    {
        if (parent is null)
        {
            Place(comment, null, null, 0);
            return;
        }
        if (parent.Id != 0)
        {
            Place(comment, parent.Id, parent.RootId, parent.Depth);
            return;
        }
        comment.Parent = parent;
        comment.Root = parent.Root ?? (parent.RootId is null ? parent : null);
        comment.RootId = parent.RootId;
        comment.Depth = parent.Depth + 1;
    }

    /// <summary>Puts a comment in its thread under a saved parent known by its id, root and depth (null id: top level).</summary>
    public static void Place(Comment comment, int? parentId, int? parentRootId, int parentDepth)
    {
        comment.ParentId = parentId;
        comment.RootId = parentId is null ? null : parentRootId ?? parentId;
        comment.Depth = parentId is null ? 0 : parentDepth + 1;
    }

    /// <summary>Sets what the comment says: the text as typed, and its safe HTML made once, here, for every page that shows it.</summary>
    public static void SetBody(Comment comment, string body) => SetBody(comment, body, BodyHtml(body, comment.Kind, comment.AuthorUrl));

    /// <summary>
    /// <see cref="SetBody(Comment, string)"/> with the HTML made beforehand by <see cref="BodyHtml"/> from the same body,
    /// kind and web address (an import renders bodies on another core while it writes the rows before them).
    /// </summary>
    public static void SetBody(Comment comment, string body, string bodyHtml)
    {
        comment.Body = body;
        comment.BodyHtml = bodyHtml;
    }

    /// <summary>The safe HTML of a comment's body: what <see cref="SetBody(Comment, string)"/> keeps, made from what it needs alone.</summary>
    public static string BodyHtml(string body, CommentKind kind, string? authorUrl) =>
        kind == CommentKind.Comment ? CommentText.ToHtml(body) : PingSource(kind, authorUrl) + CommentText.ToHtml(body);

    /// <summary>
    /// A pingback or trackback is another site's excerpt: it says so, and links to where it came from (an http(s)
    /// address only), in its HTML made here so that every page that shows comments shows it without another column.
    /// </summary>
    private static string PingSource(CommentKind commentKind, string? authorUrl)
    {
        var kind = commentKind == CommentKind.Pingback ? "Pingback" : "Trackback";
        if (!Uri.TryCreate(authorUrl, UriKind.Absolute, out var source) || source.Scheme is not ("http" or "https"))
        {
            return $"<p class=\"comment-source\">{kind}</p>";
        }
        var encoder = System.Text.Encodings.Web.HtmlEncoder.Default;
        return $"<p class=\"comment-source\">{kind} from <a href=\"{encoder.Encode(source.AbsoluteUri)}\" rel=\"{CommentText.LinkRel}\">{encoder.Encode(source.Host + source.AbsolutePath)}</a></p>";
    }

    /// <summary>Published: everyone sees it, and it counts in the article's number of comments.</summary>
    public static bool IsVisible(CommentStatus status) => status == CommentStatus.Approved;

    /// <summary>On the page: visible, or a placeholder for a comment its author deleted.</summary>
    public static bool IsShown(CommentStatus status) => status is CommentStatus.Approved or CommentStatus.Deleted;

    /// <summary><see cref="IsShown"/> for queries: what a thread page reads.</summary>
    public static readonly Expression<Func<Comment, bool>> ShownInThread =
        c => c.Status == CommentStatus.Approved || c.Status == CommentStatus.Deleted;

    /// <summary><see cref="IsVisible"/> for queries: the comments an article's count counts.</summary>
    public static readonly Expression<Func<Comment, bool>> Counted = c => c.Status == CommentStatus.Approved;

    /// <summary>
    /// Whether <paramref name="who"/> may move a comment from one status to another. A deleted comment is its author's
    /// last word: nobody moves it again. Its author may delete it, and an edit the screening holds sends a published one
    /// back to wait; readers' flags only hold a published comment; a moderator moves any other to any other.
    /// </summary>
    public static bool MayMove(CommentStatus from, CommentStatus to, CommentMover who) =>
        from != to && from != CommentStatus.Deleted && who switch
        {
            CommentMover.Author => to == CommentStatus.Deleted || (from == CommentStatus.Approved && to == CommentStatus.Pending),
            CommentMover.Readers => from == CommentStatus.Approved && to == CommentStatus.Pending,
            CommentMover.Moderator => to != CommentStatus.Deleted,
            _ => false,
        };

    /// <summary>How writing a new comment in this status changes the article's count of visible comments: +1 or 0.</summary>
    public static int CountChange(CommentStatus created) => IsVisible(created) ? 1 : 0;

    /// <summary>How a move changes the article's count of visible comments: +1, -1 or 0.</summary>
    public static int CountChange(CommentStatus from, CommentStatus to) => (IsVisible(to) ? 1 : 0) - (IsVisible(from) ? 1 : 0);

    /// <summary>Whether its author may still edit a comment written at <paramref name="createdAt"/>.</summary>
    public static bool InEditWindow(DateTime createdAt, DateTime now, DiscussionOptions rules) => now <= EditableUntil(createdAt, rules);

    /// <summary>The last moment its author may edit a comment written at <paramref name="createdAt"/>.</summary>
    public static DateTime EditableUntil(DateTime createdAt, DiscussionOptions rules) => createdAt.AddMinutes(rules.EditWindowMinutes);

    /// <summary>What its author is told once the edit window has passed.</summary>
    public static string EditWindowPassed(DiscussionOptions rules) =>
        $"Comments can be edited for {rules.EditWindowMinutes} minutes after posting; that time has passed.";

    /// <summary>
    /// The deepest display level drawn in place (levels count from 0, the top-level comments): replies under a comment at
    /// this level continue on that comment's own page ("continue this thread").
    /// </summary>
    public static int LastDrawnLevel(DiscussionOptions rules) => rules.MaxDisplayDepth - 1;

    /// <summary>Whether a comment at this display level is drawn where it stands (else its thread continues elsewhere).</summary>
    public static bool IsDrawnInPlace(int level, DiscussionOptions rules) => level <= LastDrawnLevel(rules);

    /// <summary>Whether a comment's replies continue on its own page: it has some, and it is drawn at the last level.</summary>
    public static bool ContinuesElsewhere(int level, int replyCount, DiscussionOptions rules) => replyCount > 0 && level >= LastDrawnLevel(rules);
}
