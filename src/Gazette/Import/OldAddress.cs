namespace Gazette.Import;

/// <summary>
/// An address an imported article had on the old site (its permalink, <c>/?p=ID</c>, a date permalink, a slug
/// WordPress kept as old): answered with a permanent redirect to the article, when no route of Gazette took it.
/// <see cref="Path"/> is <see cref="OldAddresses.KeyOf"/> of the address: lower case, no trailing slash, query sorted.
/// </summary>
public sealed class OldAddress
{
    public const int MaxPathLength = 400;

    public int Id { get; set; }
    public required string Path { get; set; }
    public int ArticleId { get; set; }
}
