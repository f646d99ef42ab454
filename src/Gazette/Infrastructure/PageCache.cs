using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.Options;

namespace Gazette.Infrastructure;

/// <summary>Section "PageCache": whole rendered pages kept in memory (ASP.NET Core output caching).</summary>
public sealed class PageCacheOptions
{
    public const string Section = "PageCache";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest a page is kept. Writes evict the pages they change at once (by tag); this bound is for what
    /// changes with time alone, such as the "news of the week" ranking.
    /// </summary>
    public int Seconds { get; set; } = 60;

    /// <summary>
    /// Memory for the fast lane (<see cref="PageCacheFastLane"/>): pages the page cache answered anonymously, kept as
    /// sent and sent again before the rest of the pipeline runs. 0 turns the lane off.
    /// </summary>
    [Range(0, 4096)]
    public int FastLaneMegabytes { get; set; } = 64;
}

/// <summary>
/// Which cached pages a write must evict. Every page carries <see cref="Everything"/>; article pages also carry
/// their article's tag, and article lists <see cref="Lists"/>.
/// </summary>
public static class PageCache
{
    public const string Everything = "pages";
    public const string Lists = "lists";
    public static string Article(string slug) => $"article:{slug}";

    public static IServiceCollection AddPageCache(this IServiceCollection services)
    {
        services.AddOptions<PageCacheOptions>().BindConfiguration(PageCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FastPages>();
        services.AddOutputCache();
        services.AddSingleton<SiteCache>();
        services.AddSingleton<IConfigureOptions<OutputCacheOptions>, ConfigurePolicy>();
        services.AddSingleton<IConfigureOptions<OutputCacheOptions>, PageCacheCounting.Registration>();
        return services;
    }

    private sealed class ConfigurePolicy(IOptions<PageCacheOptions> options) : IConfigureOptions<OutputCacheOptions>
    {
        public void Configure(OutputCacheOptions cache) => cache.AddBasePolicy(new PagePolicy(options.Value));
    }

    /// <summary>Caches anonymous GETs of public pages: never a response that sets a cookie or is not a 200.</summary>
    private sealed class PagePolicy(PageCacheOptions options) : IOutputCachePolicy
    {
        private static readonly object ChangesAtStart = new();

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
        {
            var request = context.HttpContext.Request;
            var cacheable = options.Enabled
                && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                // A reader who has signed in, written or voted sees their own actions on the page: not everyone's page.
                && PublicRequests.IsPublic(context.HttpContext)
                // Files of wwwroot are served compressed from disk (MapStaticAssets): a copy here would only cost memory or Redis.
                && context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is null;
            context.EnableOutputCaching = cacheable;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            if (!cacheable)
            {
                return ValueTask.CompletedTask;
            }

            context.HttpContext.Items[ChangesAtStart] = context.HttpContext.RequestServices.GetRequiredService<SiteCache>().Changes;
            context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(options.Seconds);
            context.CacheVaryByRules.QueryKeys = "*";
            // Compressed inside the page cache (Compression): one copy per encoding, each served as kept.
            context.CacheVaryByRules.VaryByValues["encoding"] = Compression.NegotiatedEncoding(context.HttpContext);
            context.Tags.Add(Everything);
            PageCacheFastLane.Offer(context);
            var routeValues = context.HttpContext.Request.RouteValues;
            if (routeValues.TryGetValue("page", out var page) && Equals(page, "/Articles/ArticlePage")
                && routeValues.TryGetValue("slug", out var slug) && slug is string articleSlug)
            {
                context.Tags.Add(Article(articleSlug));
            }
            else
            {
                context.Tags.Add(Lists);
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
        {
            var response = context.HttpContext.Response;
            // A page holding an antiforgery token is marked no-store by antiforgery itself: it is one browser's page.
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0
                || response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase)
                // Rendered while this instance let go of what it kept (see SiteCache.Changes): maybe from the old state.
                || !Equals(context.HttpContext.Items[ChangesAtStart], context.HttpContext.RequestServices.GetRequiredService<SiteCache>().Changes))
            {
                context.AllowCacheStorage = false;
            }
            return ValueTask.CompletedTask;
        }
    }
}
