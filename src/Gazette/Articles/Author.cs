namespace Gazette.Articles;

public sealed class Author
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }

    /// <summary><see cref="Name"/>'s <see cref="Core.Accounts.NameSkeleton"/>: a byline's name is reserved (<see cref="Accounts.ReservedNames"/>).</summary>
    public string? NameSkeleton { get; private set; }

    public void KeepNameSkeleton() => NameSkeleton = Core.Accounts.NameSkeleton.Of(Name);
    public string Bio { get; set; } = "";

    /// <summary>The staff account that writes under this byline, if any (imported and demo authors have none).</summary>
    public string? UserId { get; set; }
}
