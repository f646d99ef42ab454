using Gazette.Accounts;
using Gazette.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gazette.Newsroom;

/// <summary>
/// The editor's autosave: the script posts the form's text fields here every few seconds of quiet, with the form's
/// antiforgery token in the X-CSRF-TOKEN header. Staff only; errors as problem details.
/// </summary>
public static class EditorDraftsApi
{
    public const string Path = "/admin/articles/drafts";

    public static IEndpointRouteBuilder MapEditorDrafts(this IEndpointRouteBuilder routes)
    {
        var drafts = routes.MapGroup(Path).RequireAuthorization(StaffPolicies.Write).AddEndpointFilter<AntiforgeryFilter>()
            .ExcludeFromDescription();
        drafts.MapPost("", SaveAsync);
        drafts.MapDelete("", DiscardAsync);
        return routes;
    }

    /// <summary>An article's draft (<paramref name="ArticleId"/>), or a new article's (<paramref name="ClientKey"/>).</summary>
    public sealed record DraftInput(int? ArticleId, string? ClientKey, string? Title, string? Slug, string? Excerpt, string? Body);

    /// <summary>When it was kept: <paramref name="Label"/> is the site's local time, as "Saved 10:42" shows it.</summary>
    public sealed record Saved(DateTime SavedAt, string Label);

    internal static async Task<Results<Ok<Saved>, ProblemHttpResult, NotFound, ForbidHttpResult>> SaveAsync(
        DraftInput input, HttpContext context, Staffers staffers, EditorDrafts drafts, GazetteDb db, SiteTime siteTime, CancellationToken cancellationToken)
    {
        var staffer = await staffers.CurrentAsync(context.User, cancellationToken);
        var (key, refused) = await KeyAsync(input, staffer, db, cancellationToken);
        switch (refused)
        {
            case StatusCodes.Status404NotFound: return TypedResults.NotFound();
            case StatusCodes.Status403Forbidden: return TypedResults.Forbid();
            case not null: return NoKey();
        }
        var fields = new EditorDrafts.Fields(input.Title ?? "", input.Slug ?? "", input.Excerpt ?? "", input.Body ?? "");
        if (EditorDrafts.Problem(fields) is { } problem)
        {
            return TypedResults.Problem(detail: $"Not kept: {problem}", statusCode: StatusCodes.Status400BadRequest);
        }
        var at = await drafts.SaveAsync(staffer.UserId, key!, input.ArticleId, fields, cancellationToken);
        return TypedResults.Ok(new Saved(at, ClockOf(siteTime, at)));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult, NotFound, ForbidHttpResult>> DiscardAsync(
        int? articleId, string? clientKey, HttpContext context, Staffers staffers, EditorDrafts drafts, GazetteDb db, CancellationToken cancellationToken)
    {
        var staffer = await staffers.CurrentAsync(context.User, cancellationToken);
        var (key, refused) = await KeyAsync(new DraftInput(articleId, clientKey, null, null, null, null), staffer, db, cancellationToken);
        switch (refused)
        {
            case StatusCodes.Status404NotFound: return TypedResults.NotFound();
            case StatusCodes.Status403Forbidden: return TypedResults.Forbid();
            case not null: return NoKey();
        }
        await drafts.DiscardAsync(staffer.UserId, key!, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>"10:42": the time of day in the site's time zone.</summary>
    public static string ClockOf(SiteTime siteTime, DateTime utc) => siteTime.ToInput(utc)[^5..];

    /// <summary>The draft's key, or the status refusing it: 404 (no such article), 403 (another's), 400 (no client key).</summary>
    private static async Task<(string? Key, int? Refused)> KeyAsync(DraftInput input, Staffer staffer, GazetteDb db, CancellationToken cancellationToken)
    {
        if (input.ArticleId is { } id)
        {
            var article = await ArticleHeader.FindAsync(db, id, cancellationToken);
            if (article is null)
            {
                return (null, StatusCodes.Status404NotFound);
            }
            return staffer.MayEdit(article.BylineUserIds) ? (EditorDraft.KeyOf(id), null) : (null, StatusCodes.Status403Forbidden);
        }
        return EditorDrafts.IsClientKey(input.ClientKey) ? (EditorDraft.KeyOfNew(input.ClientKey!), null) : (null, StatusCodes.Status400BadRequest);
    }

    private static ProblemHttpResult NoKey() =>
        TypedResults.Problem(detail: "A new article's draft needs its client key: 8 to 64 letters, digits or dashes.", statusCode: StatusCodes.Status400BadRequest);

    /// <summary>Scripts carry the form's antiforgery token in a header.</summary>
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
                return TypedResults.Problem(detail: "The antiforgery token is missing or invalid: reload the editor.", statusCode: StatusCodes.Status400BadRequest);
            }
            return await next(context);
        }
    }
}
