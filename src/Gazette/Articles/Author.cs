namespace Gazette.Articles;

public sealed class Author
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Bio { get; set; } = "";

    /// <summary>The staff account that writes under this byline, if any (imported and demo authors have none).</summary>
    public string? UserId { get; set; }
}
