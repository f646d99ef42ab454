using System.ComponentModel.DataAnnotations;

namespace Gazette.Comments;

/// <summary>Section "Discussion": how threads are paged and displayed.</summary>
public sealed class DiscussionOptions
{
    public const string Section = "Discussion";

    /// <summary>Top-level comments per page of the discussion, each shown with its replies.</summary>
    [Range(1, 1000)]
    public int ThreadsPerPage { get; set; } = 50;

    /// <summary>Levels shown indented on the article page; deeper replies continue on the sub-thread's own page.</summary>
    [Range(1, 20)]
    public int MaxDisplayDepth { get; set; } = 5;
}
