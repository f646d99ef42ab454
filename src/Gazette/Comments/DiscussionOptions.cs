using System.ComponentModel.DataAnnotations;

namespace Gazette.Comments;

/// <summary>Section "Discussion": how threads are paged and displayed, and the rules for writing in them.</summary>
public sealed class DiscussionOptions
{
    public const string Section = "Discussion";
    public const int MaxNameLength = 64;

    /// <summary>Top-level comments per page of the discussion, each shown with its replies (as many as <see cref="CommentBudget"/> allows).</summary>
    [Range(1, 1000)]
    public int ThreadsPerPage { get; set; } = 50;

    /// <summary>
    /// The most comments a page of a discussion shows, top-level ones and replies together, whatever the shape of its
    /// threads; replies left out are reached by "N more replies" links (<see cref="Core.Threads.CommentBudget"/>).
    /// </summary>
    [Range(2, int.MaxValue)]
    public int CommentBudget { get; set; } = 200;

    /// <summary>Top-level comments per page: <see cref="ThreadsPerPage"/>, never more than the budget (both change on their own).</summary>
    public int TopLevelPerPage => Math.Min(ThreadsPerPage, CommentBudget);

    /// <summary>Levels shown indented on the article page; deeper replies continue on the sub-thread's own page.</summary>
    [Range(1, 20)]
    public int MaxDisplayDepth { get; set; } = 5;

    /// <summary>The longest comment body, in characters (UTF-16 code units, as browsers count maxlength).</summary>
    [Range(1, 1_000_000)]
    public int MaxBodyLength { get; set; } = 10_000;

    /// <summary>How long after posting its author may still edit a comment.</summary>
    [Range(0, 60 * 24 * 365)]
    public int EditWindowMinutes { get; set; } = 15;

    /// <summary>Close discussions this many days after the article's publication; empty means never.</summary>
    [Range(0, 36_500)]
    public int? CloseAfterDays { get; set; }
}
