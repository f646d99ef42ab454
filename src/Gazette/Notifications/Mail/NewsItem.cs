namespace Gazette.Notifications.Mail;

/// <summary>One comment as a notification mail lists it.</summary>
public sealed record NewsItem(string Author, string Html, string Url, DateTime At);

/// <summary>One discussion's news in a follow mail or a digest.</summary>
public sealed record DiscussionNews(string Title, string Url, IReadOnlyList<NewsItem> Comments, int More);
