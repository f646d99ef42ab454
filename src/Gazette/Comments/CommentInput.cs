using System.Globalization;

namespace Gazette.Comments;

/// <summary>What a reader sends to post a comment or a reply (form or JSON).</summary>
public sealed record CommentInput(string? Body, string? AuthorName = null, string? AuthorEmail = null, int? ParentId = null, bool NotifyReplies = false);

/// <summary>The field rules, the same for the HTML form and the API. The body is checked, never changed.</summary>
public static class CommentRules
{
    public static WriteResult? CheckBody(string? body, DiscussionOptions options)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return WriteResult.Error(WriteStatus.Invalid, "Write something before posting: the comment is empty.", nameof(CommentInput.Body));
        }
        if (body.Length > options.MaxBodyLength)
        {
            return WriteResult.Error(WriteStatus.Invalid, string.Create(CultureInfo.InvariantCulture,
                $"The comment is {body.Length:N0} characters long; the limit is {options.MaxBodyLength:N0}. Shorten it and post again."),
                nameof(CommentInput.Body));
        }
        return null;
    }

    public static WriteResult? CheckGuest(CommentInput input)
    {
        if (input.AuthorName is { Length: > DiscussionOptions.MaxNameLength })
        {
            return WriteResult.Error(WriteStatus.Invalid,
                $"The name is {input.AuthorName.Length} characters long; the limit is {DiscussionOptions.MaxNameLength}.",
                nameof(CommentInput.AuthorName));
        }
        if (!string.IsNullOrWhiteSpace(input.AuthorEmail)
            && (input.AuthorEmail.Length > 320 || !System.Net.Mail.MailAddress.TryCreate(input.AuthorEmail.Trim(), out _)))
        {
            return WriteResult.Error(WriteStatus.Invalid, "That email address does not look right; leave it empty or check it.",
                nameof(CommentInput.AuthorEmail));
        }
        return null;
    }
}
