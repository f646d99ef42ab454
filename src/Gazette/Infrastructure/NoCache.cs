namespace Gazette.Infrastructure;

/// <summary>
/// A response no cache may keep, for a browser or a proxy: one person's page (a staff page, a preview). The very
/// headers antiforgery puts on any page with a form, so that it finds nothing of another kind to override on such a
/// page; it logs a warning each time it does (78 of them in a short session, issue 11).
/// </summary>
public static class NoCache
{
    public const string CacheControl = "no-cache, no-store";

    public static void Apply(HttpResponse response)
    {
        response.Headers.CacheControl = CacheControl;
        response.Headers.Pragma = "no-cache";
    }
}
