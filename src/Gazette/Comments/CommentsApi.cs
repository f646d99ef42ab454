using System.ComponentModel;
using Gazette.Articles;
using Gazette.Core.Threads;
using Gazette.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Comments;

/// <summary>
/// The discussion as JSON, for scripts and other sites: the same operations and rules as the HTML forms
/// (<see cref="CommentWriter"/>), errors as RFC 7807 problem details. Described at /openapi/v1.json.
/// Writes need the antiforgery token from GET /api/v1/antiforgery in the X-CSRF-TOKEN header, as forms do.
/// </summary>
public static class CommentsApi
{
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1").WithTags("Discussion");
        api.MapGet("/antiforgery", IssueAntiforgeryToken);
        api.MapGet("/articles/{slug}/comments", ListThread);
        api.MapGet("/comments/{id:int}", GetComment);

        var writes = api.MapGroup("").AddEndpointFilter<AntiforgeryFilter>();
        writes.MapPost("/articles/{slug}/comments", Post);
        writes.MapPost("/comments/{id:int}/vote", Vote);
        writes.MapPatch("/comments/{id:int}", Edit);
        writes.MapDelete("/comments/{id:int}", Delete);
        return routes;
    }

    public sealed record AntiforgeryToken(string Token, string HeaderName);

    /// <summary>
    /// One comment of a page, placed by <paramref name="ParentId"/> and <paramref name="Depth"/>: the list is flat, so that
    /// the document is as deep for a reply chain of 1,000 as for a single comment (issue 11).
    /// </summary>
    public sealed record ApiComment(
        int Id,
        [property: Description("The comment this one replies to; null for a top-level comment. It comes earlier in the list.")] int? ParentId,
        [property: Description("0 for a top-level comment, 1 for a reply to one, and so on.")] int Depth,
        [property: Description("Empty for a deleted comment kept as a placeholder for its replies.")] string Author,
        [property: Description("The comment as safe HTML; empty for a deleted comment.")] string Html,
        DateTime CreatedAt,
        DateTime? EditedAt,
        int Score,
        [property: Description("Removed by its author: kept, without author or text, because replies follow it.")] bool Deleted,
        [property: Description("Its direct replies, listed after it.")] int ReplyCount,
        [property: Description("Every reply below it at any depth: the comments that follow it in the list with a greater depth.")] int DescendantCount,
        [property: Description("Who is speaking: \"Author\" (the article's), a staff role (\"Editor\", \"Moderator\", \"Administrator\", \"Staff writer\"), \"Member\", or null for a guest (and a deleted comment).")] string? Badge = null,
        [property: Description("The writer's picture, on this site; null for a deleted comment.")] string? Avatar = null,
        [property: Description("The writer's public page, for a member; null for a guest.")] string? Profile = null);

    public sealed record ApiThread(
        string Article, int CommentCount, int Page, int PageCount, string Sort,
        [property: Description("The page's comments in reading order: each top-level comment, then its replies depth first, each reply after its parent. "
            + "Rebuild the tree from parentId (or indent by depth).")] IReadOnlyList<ApiComment> Comments);

    /// <summary>One comment with its text exactly as written (for editing), beside the HTML shown for it.</summary>
    public sealed record ApiCommentSource(
        int Id, string Article, int? ParentId, string Author, string Body, string Html, DateTime CreatedAt, DateTime? EditedAt, int Score, bool Deleted);

    public sealed record VoteInput(int Value);

    public sealed record EditInput(string? Body);

    public sealed record Written(int Id, string Url, int? Score);

    /// <summary>
    /// A comment posted: where it is, and whether it waits for a moderator (then only its author sees it, and
    /// <paramref name="StatusUrl"/> says why and how to appeal).
    /// </summary>
    public sealed record Posted(int Id, string Url, bool AwaitingModeration, string? StatusUrl);

    internal static Ok<AntiforgeryToken> IssueAntiforgeryToken(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryToken(tokens.RequestToken!, AntiforgeryHeader));
    }

    /// <remarks>Complete threads: every reply of the page's top-level comments, at any depth (pages of HTML show a budget of them).</remarks>
    internal static async Task<Results<Ok<ApiThread>, ProblemHttpResult>> ListThread(
        string slug, GazetteDb db, ThreadQuery threads, TimeProvider clock, Profiles.SpeakerQuery speakers, int page = 1, string? sort = null,
        CancellationToken cancellationToken = default)
    {
        var article = await db.Articles.AsNoTracking().Published(clock.GetUtcNow().UtcDateTime).Where(a => a.Slug == slug)
            .Select(a => new { a.Id, a.Slug, a.CommentCount }).FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return Problem(StatusCodes.Status404NotFound, "There is no such article.");
        }
        var thread = await threads.WholePageAsync(article.Id, page, CommentSorts.Parse(sort), cancellationToken);
        if (thread is null)
        {
            return Problem(StatusCodes.Status404NotFound, $"The discussion has no page {page}.");
        }
        var people = await speakers.ForAsync(article.Id, thread.Threads, cancellationToken);
        return TypedResults.Ok(new ApiThread(article.Slug, article.CommentCount, thread.Page, thread.PageCount,
            thread.Sort.ToString().ToLowerInvariant(), ThreadBuilder.InReadingOrder(thread.Threads).Select(node => ToApi(node, people)).ToList()));
    }

    internal static async Task<Results<Ok<ApiCommentSource>, ProblemHttpResult>> GetComment(
        int id, GazetteDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.AsNoTracking().Where(c => c.Id == id).Where(CommentLifecycle.ShownInThread)
            .Join(db.Articles.Published(clock.GetUtcNow().UtcDateTime), c => c.ArticleId, a => a.Id, (c, a) => new { Comment = c, a.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        if (comment is null)
        {
            return Problem(StatusCodes.Status404NotFound, "There is no such comment.");
        }
        var c = comment.Comment;
        var deleted = c.Status == CommentStatus.Deleted;
        // A deleted comment's text stays in the database for moderators, never in public answers.
        return TypedResults.Ok(new ApiCommentSource(c.Id, comment.Slug, c.ParentId,
            deleted ? "" : string.IsNullOrWhiteSpace(c.AuthorName) ? CommentView.AnonymousName : c.AuthorName,
            deleted ? "" : c.Body, deleted ? "" : c.BodyHtml, c.CreatedAt, c.EditedAt, c.Upvotes - c.Downvotes, deleted));
    }

    /// <remarks>Screened as the form is, less the form's timing (a script is not a person typing): refused (400 naming the
    /// field, 403 for a banned writer, 409 for the same text again), held (<c>awaitingModeration</c>), or kept as spam
    /// without a word, answered as if published.</remarks>
    internal static async Task<Results<Created<Posted>, ProblemHttpResult, ValidationProblem>> Post(
        string slug, CommentInput input, CommentWriter writer, Readers readers, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await writer.PostAsync(slug, input, readers.CurrentOrNewGuest(context), cancellationToken);
        if (result.Status == WriteStatus.Ok)
        {
            var url = $"/comments/{result.CommentId}";
            return TypedResults.Created(url, new Posted(result.CommentId!.Value, url, result.AwaitingModeration,
                result.AwaitingModeration ? $"{url}/status" : null));
        }
        return IsFieldError(result) ? FieldProblem(result) : Problem(result);
    }

    internal static async Task<Results<Ok<Written>, ProblemHttpResult, ValidationProblem>> Vote(
        int id, VoteInput input, CommentWriter writer, Readers readers, HttpContext context, CancellationToken cancellationToken) =>
        Answer(await writer.VoteAsync(id, input.Value, readers.CurrentOrNewGuest(context), cancellationToken));

    internal static async Task<Results<Ok<Written>, ProblemHttpResult, ValidationProblem>> Edit(
        int id, EditInput input, CommentWriter writer, Readers readers, HttpContext context, CancellationToken cancellationToken) =>
        Answer(await writer.EditAsync(id, input.Body, readers.Current(context), cancellationToken));

    internal static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Delete(
        int id, CommentWriter writer, Readers readers, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await writer.DeleteAsync(id, readers.Current(context), cancellationToken);
        if (result.Status == WriteStatus.Ok)
        {
            return TypedResults.NoContent();
        }
        return IsFieldError(result) ? FieldProblem(result) : Problem(result);
    }

    private static Results<Ok<Written>, ProblemHttpResult, ValidationProblem> Answer(WriteResult result)
    {
        if (result.Status == WriteStatus.Ok)
        {
            return TypedResults.Ok(new Written(result.CommentId!.Value, $"/comments/{result.CommentId}", result.Score));
        }
        return IsFieldError(result) ? FieldProblem(result) : Problem(result);
    }

    private static bool IsFieldError(WriteResult result) => result is { Status: WriteStatus.Invalid, Field: not null };

    /// <summary>A field error is a validation problem naming the field, as clients map errors to inputs.</summary>
    private static ValidationProblem FieldProblem(WriteResult result) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [Camel(result.Field!)] = [result.Message!] }, detail: result.Message, title: "The comment was not accepted.");

    private static ProblemHttpResult Problem(WriteResult result) => result.MustVerifyEmail
        ? TypedResults.Problem(detail: result.Message, statusCode: result.HttpStatus, title: "Verify your email address first.",
            extensions: new Dictionary<string, object?> { ["verifyAgain"] = WriteResult.VerifyAgainPath })
        : Problem(result.HttpStatus, result.Message!);

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static ApiComment ToApi(ThreadNode<CommentView> node, Profiles.Speakers people)
    {
        var speaker = node.IsPlaceholder ? null : people.Of(node.Item);
        return new(
            node.Item.Id, node.Item.ParentId, node.Depth,
            node.IsPlaceholder ? "" : node.Item.DisplayName,
            node.IsPlaceholder ? "" : node.Item.BodyHtml,
            node.Item.CreatedAt, node.Item.EditedAt, node.Item.Score, node.IsPlaceholder,
            node.ReplyCount, node.DescendantCount, speaker?.Badge, speaker?.AvatarUrl, speaker?.ProfileHref);
    }

    /// <summary>Writes from scripts carry the antiforgery token in a header, as forms carry it in a field.</summary>
    private sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context.HttpContext);
            }
            catch (AntiforgeryValidationException)
            {
                return Problem(StatusCodes.Status400BadRequest,
                    $"The antiforgery token is missing or invalid: GET /api/v1/antiforgery and send its token in the {AntiforgeryHeader} header.");
            }
            return await next(context);
        }
    }
}
