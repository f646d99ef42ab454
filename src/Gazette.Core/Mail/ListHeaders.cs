namespace Gazette.Core.Mail;

/// <summary>
/// The headers a mail carries besides From, To and Subject. Every message says it was sent by a machine
/// (<c>Auto-Submitted</c>, RFC 3834, so that out-of-office replies stay away); a message of a series a reader can leave
/// (notifications, digests: not a one-off account message) names its list (<c>List-Id</c>, RFC 2919) and how to leave
/// it with one click (<c>List-Unsubscribe</c> with an HTTPS link and <c>List-Unsubscribe-Post</c>, RFC 8058), as Gmail
/// and Yahoo require of bulk senders.
/// </summary>
public static class ListHeaders
{
    public const string AutoSubmitted = "Auto-Submitted";
    public const string ListId = "List-Id";
    public const string ListUnsubscribe = "List-Unsubscribe";
    public const string ListUnsubscribePost = "List-Unsubscribe-Post";
    public const string OneClick = "List-Unsubscribe=One-Click";

    /// <summary>The headers for a message; <paramref name="list"/> is null for a one-off message.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(MailList? list, string domain) =>
        For(list is null ? null : ListIdValue(list, domain), list?.UnsubscribeUrl);

    /// <summary>The same, from what the outbox keeps: List-Id's value and the unsubscribe link, both null for a one-off message.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(string? listId, string? unsubscribeUrl)
    {
        var headers = new List<KeyValuePair<string, string>> { new(AutoSubmitted, "auto-generated") };
        if (listId is not null)
        {
            headers.Add(new(ListId, listId));
        }
        if (unsubscribeUrl is not null)
        {
            headers.Add(new(ListUnsubscribe, $"<{unsubscribeUrl}>"));
            headers.Add(new(ListUnsubscribePost, OneClick));
        }
        return headers;
    }

    /// <summary><c>Replies to you &lt;replies.news.example.org&gt;</c>: a list id is a dot-atom under the site's domain.</summary>
    public static string ListIdValue(MailList list, string domain)
    {
        var description = list.Description.Replace("\"", "", StringComparison.Ordinal).Trim();
        var id = $"{list.Name}.{domain.Trim().TrimEnd('.').ToLowerInvariant()}";
        return description.Length == 0 ? $"<{id}>" : $"\"{description}\" <{id}>";
    }
}

/// <summary>
/// A series of mails a reader can leave: <paramref name="Name"/> a short name of letters, digits and hyphens
/// ("replies", "digest"), <paramref name="UnsubscribeUrl"/> an HTTPS link that leaves it with one POST.
/// </summary>
public sealed record MailList
{
    public MailList(string name, string unsubscribeUrl, string description = "")
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"A list name is letters, digits and hyphens: '{name}' is not.", nameof(name));
        }
        if (!Uri.TryCreate(unsubscribeUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException($"The unsubscribe link must be an absolute HTTP(S) address: '{unsubscribeUrl}' is not.", nameof(unsubscribeUrl));
        }
        Name = name.ToLowerInvariant();
        UnsubscribeUrl = url.AbsoluteUri;
        Description = description;
    }

    public string Name { get; }
    public string UnsubscribeUrl { get; }
    public string Description { get; }
}
