namespace Gazette.Comments;

/// <summary>How a write went, in terms both the HTML forms and the JSON API can answer with.</summary>
public enum WriteStatus
{
    Ok,
    /// <summary>A field is wrong (empty, too long): 400, with a message per field.</summary>
    Invalid,
    /// <summary>The article or comment in the address does not exist for this reader: 404.</summary>
    NotFound,
    /// <summary>Not this reader's comment: 403.</summary>
    Forbidden,
    /// <summary>The state of things forbids it (comments closed, the parent was deleted, the edit window passed): 409.</summary>
    Conflict,
    /// <summary>Well-formed but refers to something that cannot be used (a parent that does not exist or is elsewhere): 422.</summary>
    Unprocessable,
}

public sealed record WriteResult(WriteStatus Status, int? CommentId = null, string? Field = null, string? Message = null)
{
    /// <summary>After a vote: the comment's new score.</summary>
    public int? Score { get; init; }

    /// <summary>The comment was stored but held for a moderator: its author sees it, marked as awaiting moderation, and nobody else.</summary>
    public bool AwaitingModeration { get; init; }

    /// <summary>A member who has not verified their address, where Accounts:RequireVerifiedEmailToComment: 403, and where to get the link again.</summary>
    public bool MustVerifyEmail { get; init; }

    /// <summary>The page that mails the verification link again (a POST there sends it).</summary>
    public const string VerifyAgainPath = "/account/verify-again";

    public static readonly WriteResult VerifyEmailFirst = Error(WriteStatus.Forbidden,
        "Verify your email address before you comment: follow the link we mailed to you when you signed up. Your comment has not been posted.")
        with { MustVerifyEmail = true };

    public static WriteResult Ok(int commentId) => new(WriteStatus.Ok, commentId);

    public static WriteResult Error(WriteStatus status, string message, string? field = null) => new(status, null, field, message);

    public int HttpStatus => Status switch
    {
        WriteStatus.Ok => StatusCodes.Status200OK,
        WriteStatus.Invalid => StatusCodes.Status400BadRequest,
        WriteStatus.NotFound => StatusCodes.Status404NotFound,
        WriteStatus.Forbidden => StatusCodes.Status403Forbidden,
        WriteStatus.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}
