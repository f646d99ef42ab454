using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Net.Http.Headers;

namespace Gazette.Infrastructure;

/// <summary>
/// How long browsers and proxies keep what is served as a file. A fingerprinted file (<c>css/site.{hash}.css</c>, which
/// pages link to) never changes under its name: any cache may keep it a year. MapStaticAssets marks those
/// "max-age=31536000, immutable"; this adds "public", as for /media. A file named without its hash keeps MapStaticAssets'
/// "no-cache" (revalidated by its ETag on each use), since the next version of the site may change it.
/// </summary>
public static class StaticAssetCaching
{
    public const string Immutable = "public, max-age=31536000, immutable";

    public static StaticAssetsEndpointConventionBuilder KeepFingerprintedForAYear(this StaticAssetsEndpointConventionBuilder assets)
    {
        assets.Add(endpoint =>
        {
            var immutable = endpoint.Metadata.OfType<StaticAssetDescriptor>().Any(asset => asset.ResponseHeaders.Any(header =>
                header.Name == HeaderNames.CacheControl && header.Value.Contains("immutable", StringComparison.Ordinal)));
            if (!immutable || endpoint.RequestDelegate is not { } serve)
            {
                return;
            }
            endpoint.RequestDelegate = context =>
            {
                // After the file's own headers are set, before they are sent.
                context.Response.OnStarting(() =>
                {
                    if (context.Response.Headers.CacheControl.Count > 0)
                    {
                        context.Response.Headers.CacheControl = Immutable;
                    }
                    return Task.CompletedTask;
                });
                return serve(context);
            };
        });
        return assets;
    }
}
