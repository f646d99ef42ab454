using System.Text.RegularExpressions;

namespace Gazette.Moderation.Limits;

/// <summary>
/// Which requests are writes under a rate limit, and of which kind: by the endpoint's <see cref="RateLimitedWriteAttribute"/>
/// if it has one, else by its address in the table below. Reading (GET, HEAD) is never limited.
/// </summary>
public static partial class WriteRoutes
{
    private static readonly (Regex Path, WriteKind Kind)[] Table =
    [
        (CommentForm(), WriteKind.Comment),   // /articles/{slug}/comment: the form page, and discussion.js posting it in place
        (CommentApi(), WriteKind.Comment),    // POST /api/v1/articles/{slug}/comments
        (EditPages(), WriteKind.Edit),        // /comments/{id}/edit, /delete, and /status (its author's appeal)
        (EditApi(), WriteKind.Edit),          // PATCH and DELETE /api/v1/comments/{id}
        (VotePage(), WriteKind.Vote),         // /comments/{id}/vote, and POST /api/v1/comments/{id}/vote
        (FlagPage(), WriteKind.Flag),         // /comments/{id}/flag, and /api/v1/comments/{id}/flag(s)
        (AccountForms(), WriteKind.Account),  // /account/sign-in, sign-up, forgot-password, reset-password
    ];

    public static WriteKind KindOf(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return WriteKind.None;
        }
        if (context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedWriteAttribute>() is { } marked)
        {
            return marked.Kind;
        }
        var path = request.Path.Value ?? "";
        foreach (var (pattern, kind) in Table)
        {
            if (pattern.IsMatch(path))
            {
                return kind;
            }
        }
        return WriteKind.None;
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"^/articles/[^/]+/comment/?$", Options)]
    private static partial Regex CommentForm();

    [GeneratedRegex(@"^/api/v1/articles/[^/]+/comments/?$", Options)]
    private static partial Regex CommentApi();

    [GeneratedRegex(@"^/comments/\d+/(edit|delete|status)/?$", Options)]
    private static partial Regex EditPages();

    [GeneratedRegex(@"^/api/v1/comments/\d+/?$", Options)]
    private static partial Regex EditApi();

    [GeneratedRegex(@"^(/api/v1)?/comments/\d+/vote/?$", Options)]
    private static partial Regex VotePage();

    [GeneratedRegex(@"^(/api/v1)?/comments/\d+/flags?/?$", Options)]
    private static partial Regex FlagPage();

    [GeneratedRegex(@"^/account/(sign-in|sign-up|forgot-password|reset-password)/?$", Options)]
    private static partial Regex AccountForms();
}
