using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Gazette.Articles;

/// <summary>Section "Articles": how read counts reach the database.</summary>
public sealed class ReadCountOptions
{
    public const string Section = "Articles";

    /// <summary>Seconds between two flushes of the counted reads into <see cref="ArticleReadDay"/> (and one at shutdown).</summary>
    [Range(1, 86_400)]
    public int ReadFlushSeconds { get; set; } = 30;
}

/// <summary>Reads of one article (by slug) on one UTC day, not yet written to the database.</summary>
public readonly record struct ReadTally(string Slug, DateOnly Day, long Reads);

/// <summary>
/// Where page views are counted between two flushes. In memory for one instance; a shared store (Redis) can take
/// its place when several instances serve the site, behind the same three calls.
/// </summary>
public interface IReadCountStore
{
    ValueTask AddAsync(string slug, DateOnly day);

    /// <summary>Every tally counted so far, removed from the store in the same step (reads counted meanwhile stay for the next flush).</summary>
    ValueTask<IReadOnlyList<ReadTally>> TakeAllAsync();

    /// <summary>Gives back tallies that could not be written, so that the next flush tries them again.</summary>
    ValueTask ReturnAsync(IEnumerable<ReadTally> tallies);
}

/// <summary>Concurrent counters per (slug, day): a page view costs one dictionary update, never a database write.</summary>
public sealed class MemoryReadCountStore : IReadCountStore
{
    private readonly ConcurrentDictionary<(string Slug, DateOnly Day), long> counts = new();

    public ValueTask AddAsync(string slug, DateOnly day)
    {
        counts.AddOrUpdate((slug, day), 1, (_, n) => n + 1);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<ReadTally>> TakeAllAsync()
    {
        var taken = new List<ReadTally>();
        foreach (var key in counts.Keys)
        {
            // TryRemove and AddOrUpdate are atomic against each other: a read counted after the removal starts a new entry.
            if (counts.TryRemove(key, out var reads))
            {
                taken.Add(new ReadTally(key.Slug, key.Day, reads));
            }
        }
        return ValueTask.FromResult<IReadOnlyList<ReadTally>>(taken);
    }

    public ValueTask ReturnAsync(IEnumerable<ReadTally> tallies)
    {
        foreach (var tally in tallies)
        {
            counts.AddOrUpdate((tally.Slug, tally.Day), tally.Reads, (_, n) => n + tally.Reads);
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Counts a read for every article page answered 200 to a GET, after the response, including pages served from the
/// output cache: so it runs before <c>UseOutputCache</c>, and the page cache's fast lane counts its hits the same way
/// (<see cref="Infrastructure.PageCacheFastLane"/>). Routing has run by then, so the route values say which page and slug; 404s, redirects and other pages are never counted, nor obvious bots.
/// </summary>
public static partial class ReadCounting
{
    public static IServiceCollection AddReadCounting(this IServiceCollection services)
    {
        services.AddOptions<ReadCountOptions>().BindConfiguration(ReadCountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IReadCountStore, MemoryReadCountStore>();
        services.AddSingleton<ReadCountFlusher>();
        services.AddHostedService(provider => provider.GetRequiredService<ReadCountFlusher>());
        return services;
    }

    public static IApplicationBuilder UseReadCounting(this IApplicationBuilder app)
    {
        var store = app.ApplicationServices.GetRequiredService<IReadCountStore>();
        var clock = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use(async (context, next) =>
        {
            await next(context);
            if (ArticleSlug(context) is { } slug)
            {
                await CountAsync(store, clock, slug, context.Request);
            }
        });
    }

    /// <summary>The article whose page this answer is, if it is one answered 200 to a GET (what a read is, bots aside).</summary>
    internal static string? ArticleSlug(HttpContext context)
    {
        var request = context.Request;
        return context.Response.StatusCode == StatusCodes.Status200OK && HttpMethods.IsGet(request.Method)
            && Equals(request.RouteValues["page"], "/Articles/ArticlePage") && request.RouteValues["slug"] is string slug
            ? slug : null;
    }

    /// <summary>Counts a read of the article, unless the request comes from a bot. Also for the page cache's fast lane.</summary>
    internal static ValueTask CountAsync(IReadCountStore store, TimeProvider clock, string slug, HttpRequest request) =>
        IsBot(request.Headers.UserAgent.ToString()) ? ValueTask.CompletedTask : store.AddAsync(slug, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    /// <summary>
    /// Crawlers, link previews, monitors and scripts, by the words they put in their User-Agent; no User-Agent at all
    /// is a script too. Browsers that hide what they are still count: this is for ranking, not for billing.
    /// </summary>
    public static bool IsBot(string userAgent) => string.IsNullOrWhiteSpace(userAgent) || BotWords().IsMatch(userAgent);

    [GeneratedRegex(@"bot\b|bot/|crawl|spider|slurp|mediapartners|facebookexternalhit|preview|embedly|headless|lighthouse|pingdom|uptime|monitor|curl|wget|python|go-http-client|java/|okhttp|libwww|httpclient|feedfetcher|\bfeed",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BotWords();
}
