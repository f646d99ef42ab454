using System.Text.Json;

namespace Gazette.Demo;

/// <summary>The shape of Demo/content/demo-content.json: the project's own demo site, written for Gazette.</summary>
public sealed record DemoContent(
    List<DemoAuthor> Authors,
    List<DemoCategory> Categories,
    List<DemoArticle> Articles,
    DemoCommentPool CommentPool)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DemoContent Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<DemoContent>(stream, Json)
            ?? throw new InvalidDataException($"'{path}' holds no demo content.");
    }
}

public sealed record DemoAuthor(string Slug, string Name, string Bio);

public sealed record DemoCategory(string Slug, string Name, string Description);

public sealed record DemoArticle(
    string Slug,
    string Title,
    string Excerpt,
    string Author,
    string Category,
    List<string> Tags,
    int DaysAgo,
    string Time,
    DemoImage Image,
    string Body,
    List<DemoComment>? Comments,
    int GeneratedComments);

public sealed record DemoImage(string File, string Alt);

public sealed record DemoComment(string? Author, int MinutesAfter, string Body, List<DemoComment>? Replies);

public sealed record DemoCommentPool(List<string> Names, List<string> Sentences);
