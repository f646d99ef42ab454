using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Live;

/// <summary>
/// The live streams, as server-sent events (docs/live.md): an article's discussion for its readers, the moderation
/// queue for moderators. A page connects with <c>?after=</c> the last event it was rendered with; a browser that
/// reconnects by itself sends <c>Last-Event-ID</c>, which wins. New comments' markup is not in the events: the page
/// fetches it from /comments/{id}/live (<see cref="LiveCommentModel"/>), the thread's own markup, cached for everyone.
/// </summary>
public static class LiveEndpoints
{
    public static void MapLive(this IEndpointRouteBuilder app)
    {
        app.MapGet("/live/articles/{slug}", ArticleAsync).WithMetadata(NotCached.Instance).ExcludeFromDescription();
        app.MapGet("/live/moderation", ModerationAsync).WithMetadata(NotCached.Instance).ExcludeFromDescription()
            .RequireAuthorization(StaffPolicies.Moderate);
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ArticleAsync(
        string slug, long? after, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int? id;
        // A scope of its own, as for everything the stream reads: a stream stays open for hours without a context.
        await using (var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
            id = await PublishedArticles.Published(db.Articles, now).Where(a => a.Slug == slug).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
        }
        if (id is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no such article.");
        }
        return await StreamAsync(context, LiveTopics.Article(id.Value), after);
    }

    private static Task<Results<EmptyHttpResult, ProblemHttpResult>> ModerationAsync(long? after, HttpContext context) =>
        StreamAsync(context, LiveTopics.Moderation, after);

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> StreamAsync(HttpContext context, string topic, long? after)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<LiveDiscussionOptions>>().Value;
        if (!options.Enabled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Live updates are turned off on this site.");
        }
        // The browser's own reconnection says where it stopped; the page's first connection says where its HTML stands.
        var from = long.TryParse(context.Request.Headers["Last-Event-ID"], out var lastEventId) ? lastEventId : after;
        var streams = services.GetRequiredService<LiveStreams>();
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        // nginx passes each event on at once rather than filling its buffer (deploy/nginx.conf says so as well).
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        // No place given (not one of Gazette's pages): from now on.
        var start = from ?? await scope.ServiceProvider.GetRequiredService<LiveFeed>().LatestAsync(topic, context.RequestAborted) ?? 0;
        // Joined before catching up: what happens meanwhile waits in the inbox, and what arrives twice is sent once.
        var subscriber = streams.Join(topic, start);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, streams.Stopping, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        var token = stop.Token;
        try
        {
            await response.WriteAsync("retry: 2000\n\n", token);
            var sent = new HashSet<long>();
            if (from is not null)
            {
                var missed = await LiveFeed.AfterAsync(db, topic, start, options.MaxCatchUp + 1, token);
                if (missed.Count > options.MaxCatchUp)
                {
                    // Too far behind to replay: the page reloads its discussion instead.
                    await response.WriteAsync($"id: {missed[^1].Id}\nevent: reload\ndata: {{}}\n\n", token);
                    missed = [];
                }
                foreach (var message in missed)
                {
                    sent.Add(message.Id);
                    await response.Body.WriteAsync(message.ToEventStream(), token);
                }
            }
            await scope.DisposeAsync();
            await response.Body.FlushAsync(token);

            var heartbeat = TimeSpan.FromSeconds(options.HeartbeatSeconds);
            Task<bool>? waiting = null;
            while (true)
            {
                waiting ??= subscriber.Inbox.WaitToReadAsync(token).AsTask();
                if (await Task.WhenAny(waiting, Task.Delay(heartbeat, token)) != waiting)
                {
                    await response.WriteAsync(":\n\n", token);
                    await response.Body.FlushAsync(token);
                    continue;
                }
                if (!await waiting)
                {
                    break; // too slow to keep up: the browser reconnects and catches up from the database
                }
                waiting = null;
                while (subscriber.Inbox.TryRead(out var message))
                {
                    if (sent.Add(message.Id))
                    {
                        await response.Body.WriteAsync(message.ToEventStream(), token);
                    }
                }
                await response.Body.FlushAsync(token);
            }
        }
        catch (OperationCanceledException)
        {
            // The reader left, or the site stops.
        }
        catch (IOException)
        {
            // The connection went.
        }
        finally
        {
            await scope.DisposeAsync();
            streams.Leave(subscriber);
        }
        return TypedResults.Empty;
    }

    /// <summary>A stream is never kept by the page cache (nor waits behind another reader's stream for it).</summary>
    private sealed class NotCached : IOutputCachePolicy
    {
        public static readonly NotCached Instance = new();

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
        {
            context.EnableOutputCaching = false;
            context.AllowCacheLookup = false;
            context.AllowCacheStorage = false;
            context.AllowLocking = false;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
        {
            context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }
}
