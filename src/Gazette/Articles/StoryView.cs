namespace Gazette.Articles;

/// <summary>
/// What the story itself shows (headline, byline, image, body with its "news of the week" block, tags): the public
/// article page and the newsroom's preview render it with the same partial, _Story.cshtml, so a preview is exact.
/// </summary>
public sealed record StoryView(ArticleView Article, (string Before, string? After) Body, IReadOnlyList<WeekStory> WeekStories);
