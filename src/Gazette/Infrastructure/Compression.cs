using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gazette.Infrastructure;

/// <summary>Section "Compression": Brotli and gzip for pages, feeds, the API and other text.</summary>
public sealed class CompressionOptions
{
    public const string Section = "Compression";

    /// <summary>Off for a proxy in front that compresses itself (and follows the same rule, <see cref="CompressionPolicy"/>).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// Brotli and gzip (ASP.NET Core response compression) for what Gazette renders. It runs inside the page cache, so a
/// cached page is kept compressed, once per encoding, and a hit sends those bytes as they are. CSS, JavaScript and SVG
/// are compressed when the site is built (MapStaticAssets), never per request.
/// </summary>
public static class Compression
{
    /// <summary>Text: HTML, CSS, JavaScript, JSON, XML (feeds, sitemaps), SVG. Images and fonts compress themselves.</summary>
    private static readonly string[] TextTypes =
    [
        .. ResponseCompressionDefaults.MimeTypes,
        "application/problem+json",
        "application/rss+xml",
        "application/atom+xml",
        "image/svg+xml",
    ];

    public static IServiceCollection AddCompression(this IServiceCollection services)
    {
        services.AddOptions<CompressionOptions>().BindConfiguration(CompressionOptions.Section);
        services.AddResponseCompression(options =>
        {
            // HTTPS too (the framework's default leaves it out for BREACH): CompressionPolicy compresses no secret.
            options.EnableForHttps = true;
            options.MimeTypes = TextTypes;
            // In this order: a browser that takes both gets Brotli, about a fifth smaller than gzip on a page.
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        // Mostly done once per cached page, so worth more than the framework's fastest level: on the 300-comment page
        // (196 KB) Brotli's "optimal" (quality 4) sends 18.5 KB against 22.4 KB for about twice the time, gzip's 23 KB
        // against 34 KB (docs/benchmarks.md).
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Replace(ServiceDescriptor.Singleton<IResponseCompressionProvider, CompressionPolicy>());
        TokenMarkingAntiforgery.Decorate(services);
        return services;
    }

    /// <summary>
    /// The encoding this request's answer gets if its type is compressed ("br", "gzip"), or "" for none: the page cache
    /// keeps one copy per value.
    /// </summary>
    public static string NegotiatedEncoding(HttpContext context)
    {
        var policy = context.RequestServices.GetRequiredService<IResponseCompressionProvider>();
        return policy.CheckRequestAcceptsCompression(context) ? policy.GetCompressionProvider(context)?.EncodingName ?? "" : "";
    }
}
