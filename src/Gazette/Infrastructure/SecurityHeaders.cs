using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace Gazette.Infrastructure;

public static class SecurityHeaders
{
    /// <summary>
    /// A strict Content-Security-Policy: scripts, styles and images only from this site, no inline script,
    /// no plugins, no framing by other sites. Comment HTML is sanitized too; this is the second wall.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /// <summary>
    /// For a page whose script writes style elements (the newsroom's editor: CodeMirror's styles are made at run time):
    /// the same policy, with styles also allowed from elements carrying this response's nonce, which it returns.
    /// </summary>
    public static string AllowStyleNonce(HttpResponse response)
    {
        var nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy.Replace("style-src 'self';", $"style-src 'self' 'nonce-{nonce}';", StringComparison.Ordinal);
        return nonce;
    }
    /// <summary>The policy for a page with embeds: their providers' frames allowed, the rest as strict.</summary>
    public static string AllowingFrames(IEnumerable<string> origins) =>
        ContentSecurityPolicy.Replace("default-src 'self'; ", $"default-src 'self'; frame-src {string.Join(' ', origins)}; ", StringComparison.Ordinal);

    /// <summary>
    /// A page that shows an article's body (its public page, the newsroom's preview) lets the frames its embeds load on a
    /// click, and no others.
    /// </summary>
    public static void AllowEmbedFrames(HttpResponse response, string bodyHtml)
    {
        if (Core.Embeds.EmbedFacade.FrameOrigins(bodyHtml) is { Count: > 0 } frames)
        {
            response.Headers.ContentSecurityPolicy = AllowingFrames(frames);
        }
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "SAMEORIGIN";
        return next(context);
    });

    /// <summary>Strict-Transport-Security as section "Hsts" says (<see cref="HstsPolicyOptions"/>), checked at start.</summary>
    public static IServiceCollection AddStrictTransportSecurity(this IServiceCollection services)
    {
        services.AddOptions<HstsPolicyOptions>().BindConfiguration(HstsPolicyOptions.Section)
            .Validate(options => options.IsValid(out _), "Hsts: MaxAgeDays must be 1 or more; Hsts:Preload needs Hsts:IncludeSubDomains and a MaxAgeDays of 365 or more.")
            .ValidateOnStart();
        services.AddOptions<HstsOptions>().Configure<IOptions<HstsPolicyOptions>>((hsts, policy) =>
        {
            hsts.MaxAge = TimeSpan.FromDays(Math.Max(1, policy.Value.MaxAgeDays));
            hsts.IncludeSubDomains = policy.Value.IncludeSubDomains;
            hsts.Preload = policy.Value.Preload;
        });
        return services;
    }

    /// <summary>
    /// After the forwarded headers (a proxy's HTTPS counts) and the exception handler (an error page gets it too).
    /// ASP.NET Core's middleware sends it only over HTTPS, and never to localhost, where it would stick to every other
    /// site a developer runs there; nor does Development.
    /// </summary>
    public static WebApplication UseStrictTransportSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && app.Services.GetRequiredService<IOptions<HstsPolicyOptions>>().Value.Enabled)
        {
            app.UseHsts();
        }
        return app;
    }
}
