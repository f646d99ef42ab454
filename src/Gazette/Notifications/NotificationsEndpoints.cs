namespace Gazette.Notifications;

/// <summary>The notifications' routes that are not pages: the members' private replies feed.</summary>
public static class NotificationsEndpoints
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(RepliesFeed.Path + "/{token}", RepliesFeed.AtomAsync);
        return routes;
    }
}
