using Gazette.Articles;
using Gazette.Core.Import.WordPress;
using Gazette.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Import;

/// <summary>
/// The old site's addresses answer 301 with the new ones: an imported post's (<see cref="OldAddress"/>), and the lists
/// and feeds WordPress had (<see cref="WordPressAddresses"/>). Consulted only when no route took the request, so that
/// every other page pays nothing; what it does not know stays a 404.
/// </summary>
public static class OldAddressRedirects
{
    /// <summary>After the rest of the pipeline: a GET or HEAD that no route took (a 404 with no endpoint) is looked up.</summary>
    public static IApplicationBuilder UseOldAddresses(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted && context.GetEndpoint() is null)
        {
            var services = context.RequestServices;
            var result = await RedirectAsync(context, services.GetRequiredService<GazetteDb>(), services.GetRequiredService<TimeProvider>(), context.RequestAborted);
            if (result is not NotFound)
            {
                await result.ExecuteAsync(context);
            }
        }
    });

    /// <summary>WordPress's query addresses on the home page, which the home page would otherwise answer itself.</summary>
    private static readonly string[] HomeQueries = ["p", "page_id", "feed", "cat", "tag", "author", "m", "attachment_id"];

    /// <summary>
    /// <c>/?p=123</c>, <c>/?feed=rss2</c> …: the home page is a route, so the fallback never sees them. Only a request for
    /// <c>/</c> with one of WordPress's query keys is looked at; every other request passes by a string comparison.
    /// </summary>
    public static IApplicationBuilder UseOldHomeQueries(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path == "/" && context.Request.QueryString.HasValue && HomeQueries.Any(context.Request.Query.ContainsKey))
        {
            var services = context.RequestServices;
            var result = await RedirectAsync(context, services.GetRequiredService<GazetteDb>(), services.GetRequiredService<TimeProvider>(), context.RequestAborted);
            if (result is not NotFound)
            {
                await result.ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    });

    internal static async Task<IResult> RedirectAsync(HttpContext context, GazetteDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            || OldAddresses.KeyOfRequest(context.Request) is not { } key)
        {
            return Results.NotFound();
        }
        if (await SlugOfAsync(db, key, clock, cancellationToken) is { } slug)
        {
            return Results.Redirect($"/articles/{Uri.EscapeDataString(slug)}", permanent: true);
        }
        // An imported WordPress page, known there as /?page_id=ID.
        if (context.Request.Path == "/" && context.Request.Query["page_id"] is [{ Length: > 0 } pageId]
            && await db.SitePages.AsNoTracking().Where(p => p.Source == ImportSources.WordPress && p.SourceId == pageId && p.Published)
                .Select(p => p.Slug).FirstOrDefaultAsync(cancellationToken) is { } pageSlug)
        {
            return Results.Redirect($"/pages/{pageSlug}", permanent: true);
        }
        switch (WordPressAddresses.Resolve(key))
        {
            case { Path: { } path }:
                return Results.Redirect(path, permanent: true);
            case { PostKey: { } postKey } target when await SlugOfAsync(db, postKey, clock, cancellationToken) is { } postSlug:
                return Results.Redirect($"/articles/{Uri.EscapeDataString(postSlug)}{target.Suffix}", permanent: true);
            default:
                // A standalone page by the address WordPress gave it (/about/), a child page's holding its parents'
                // slugs (/about/comment-policy/): the last one is the page's.
                var lastSegment = context.Request.Path.Value?.TrimEnd('/').Split('/')[^1];
                return !string.IsNullOrEmpty(lastSegment)
                    && await db.SitePages.AsNoTracking().AnyAsync(p => p.Slug == lastSegment && p.Published, cancellationToken)
                    ? Results.Redirect($"/pages/{lastSegment}", permanent: true)
                    : Results.NotFound();
        }
    }

    private static Task<string?> SlugOfAsync(GazetteDb db, string key, TimeProvider clock, CancellationToken cancellationToken) =>
        db.OldAddresses.AsNoTracking().Where(a => a.Path == key)
            .Join(db.Articles.Published(clock.GetUtcNow().UtcDateTime), a => a.ArticleId, a => a.Id, (_, article) => article.Slug)
            .FirstOrDefaultAsync(cancellationToken);
}
