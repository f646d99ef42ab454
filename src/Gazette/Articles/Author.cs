namespace Gazette.Articles;

public sealed class Author
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Bio { get; set; } = "";
}
