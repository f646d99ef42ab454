namespace Gazette.Articles;

/// <summary>
/// How many times an article was read on one (UTC) day. Reads are counted in memory and added here in batches,
/// so a page view never writes to the database; "news of the week" sums the last seven days.
/// </summary>
public sealed class ArticleReadDay
{
    public int ArticleId { get; set; }
    public DateOnly Day { get; set; }
    public long Reads { get; set; }
}
