namespace Gazette.Articles;

public sealed class Tag
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public List<Article> Articles { get; set; } = [];
}
