using Microsoft.AspNetCore.Routing.Patterns;

namespace Gazette.SitePages;

/// <summary>
/// Addresses of one word that the site's own routes answer (/archive, /search, /admin…): a standalone page there would
/// never be reached, since a route's literal segment wins over a page's slug.
/// </summary>
public sealed class TakenAddresses(EndpointDataSource endpoints)
{
    public bool IsTaken(string slug) => endpoints.Endpoints.OfType<RouteEndpoint>().Any(endpoint =>
        endpoint.RoutePattern.PathSegments is [var first, ..]
        && first.Parts is [RoutePatternLiteralPart literal]
        && string.Equals(literal.Content, slug, StringComparison.OrdinalIgnoreCase));
}
