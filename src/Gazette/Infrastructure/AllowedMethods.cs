using System.Collections.Concurrent;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Infrastructure;

/// <summary>
/// A method an address does not take is answered 405 with an Allow header naming those it does. Endpoints that name
/// their methods (MapGet, MapPost...) are answered so by routing itself; Razor Pages name none, and ran their page
/// without a handler for TRACE, PROPFIND or an invented method (500, a stack trace in the log): a page takes GET and
/// HEAD, and the methods of its handlers (OnPost...). Other endpoints that name none (the health checks) take GET and
/// HEAD. Before authentication, so that a staff page answers 405 too rather than sending to the sign-in page.
/// </summary>
public static class AllowedMethods
{
    private static readonly ConcurrentDictionary<Endpoint, string[]> Allowed = new();
    private static readonly string[] HandlerMethods = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    public static IApplicationBuilder UseAllowedMethods(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // The status and error pages take whatever method the request they answer for came with.
        // Routing's own 405 answer is an endpoint too, but not a route's.
        if (context.GetEndpoint() is not RouteEndpoint endpoint || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not null
            || context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return next(context);
        }
        var allowed = Allowed.GetOrAdd(endpoint, Of);
        if (allowed.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = string.Join(", ", allowed);
        return Task.CompletedTask;
    });

    private static string[] Of(Endpoint endpoint)
    {
        var methods = new SortedSet<string>(StringComparer.Ordinal) { HttpMethods.Get, HttpMethods.Head };
        if (endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() is { } page)
        {
            // Only methods: an override such as OnPageHandlerExecuting reads to Razor Pages as a handler for "Page".
            methods.UnionWith(page.HandlerMethods.Select(handler => handler.HttpMethod.ToUpperInvariant()).Where(HandlerMethods.Contains));
        }
        return [.. methods];
    }
}
