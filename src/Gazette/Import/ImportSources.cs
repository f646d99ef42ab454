namespace Gazette.Import;

/// <summary>What <c>Source</c> says of an imported row: the system whose id <c>SourceId</c> is.</summary>
public static class ImportSources
{
    public const int MaxLength = 32;

    /// <summary>A WordPress post (its post id) or comment (its comment id).</summary>
    public const string WordPress = "wordpress";

    /// <summary>A stand-in for a WordPress comment that is missing or in the trash, kept so its replies keep their place (its id).</summary>
    public const string WordPressPlaceholder = "wordpress-placeholder";

    /// <summary>A Disqus post (its Disqus id).</summary>
    public const string Disqus = "disqus";

    /// <summary>A stand-in for a deleted Disqus post that has replies (its Disqus id).</summary>
    public const string DisqusPlaceholder = "disqus-placeholder";
}
