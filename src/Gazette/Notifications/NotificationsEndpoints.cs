namespace Gazette.Notifications;

/// <summary>The notifications' routes that are not pages: the members' private replies feed.</summary>
public static class NotificationsEndpoints
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder routes)
    {
        // Never kept by the page cache: a revoked address must stop working at once.
        routes.MapGet(RepliesFeed.Path + "/{token}", RepliesFeed.AtomAsync).CacheOutput(policy => policy.NoCache());
        return routes;
    }
}
