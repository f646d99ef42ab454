using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gazette.Moderation.Limits;

public static class RateLimitServices
{
    /// <summary>Rate limits on every write (see <see cref="WriteRoutes"/>), per reader and per IP address.</summary>
    public static IServiceCollection AddWriteRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(options => options.All.All(limit => limit.Limit.IsValid),
                "RateLimits: every PerIdentity and PerIp must be 1 or more, and WindowSeconds from 1 to 86400.")
            .ValidateOnStart();
        services.AddSingleton<CommentRateLimits>();
        services.AddSingleton<RateLimitedPages>();
        services.Configure<MvcOptions>(mvc => mvc.Filters.AddService<RateLimitedPages>());
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<CommentRateLimits>((options, limits) =>
        {
            options.GlobalLimiter = limits.ForRequests();
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, cancellationToken) => RejectAsync(rejected.HttpContext, rejected.Lease, cancellationToken);
        });
        return services;
    }

    /// <summary>
    /// A write refused by the middleware (the JSON API, endpoints that are not Razor Pages): 429 with Retry-After, as
    /// RFC 7807 problem details for the API and for scripts, else a short page saying how long to wait.
    /// </summary>
    private static async ValueTask RejectAsync(HttpContext context, System.Threading.RateLimiting.RateLimitLease lease, CancellationToken cancellationToken)
    {
        var seconds = CommentRateLimits.RetryAfterSeconds(lease);
        var message = CommentRateLimits.Message(WriteRoutes.KindOf(context), seconds);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        var wantsPage = !context.Request.Path.StartsWithSegments("/api")
            && context.Request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        if (!wantsPage)
        {
            await TypedResults.Problem(detail: message, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                type: "https://www.rfc-editor.org/rfc/rfc6585#section-4").ExecuteAsync(context);
            return;
        }
        var back = context.Request.GetTypedHeaders().Referer is { } referer && referer.Host == context.Request.Host.Host
            ? referer.PathAndQuery : "/";
        var html = HtmlEncoder.Default;
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many requests</title>
            <link rel="stylesheet" href="/css/site.css"></head>
            <body><main class="rate-limited"><h1>Too many requests</h1><p class="form-errors" role="alert">{html.Encode(message)}</p>
            <p><a href="{html.Encode(back)}">Go back</a></p></main></body>
            </html>
            """, cancellationToken);
    }
}
