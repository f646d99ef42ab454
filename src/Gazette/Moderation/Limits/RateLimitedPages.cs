using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace Gazette.Moderation.Limits;

/// <summary>
/// Rate limits for the forms of Razor Pages (the comment form, edit, delete, vote, flag, the account forms). A write
/// over the limit runs nothing: the page is shown as its GET shows it, but with what the reader typed put back in the
/// form and the reason above it, with status 429 and a Retry-After header. discussion.js shows that form in place too.
/// </summary>
public sealed class RateLimitedPages(CommentRateLimits limits) : IAsyncPageFilter
{
    private sealed record Refusal(WriteKind Kind, int RetryAfterSeconds);

    public async Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        if (limits.Classify(context.HttpContext) is not { } attempt)
        {
            return;
        }
        using var lease = await limits.AcquireAsync(attempt, context.HttpContext.RequestAborted);
        if (!lease.IsAcquired)
        {
            context.HttpContext.Features.Set(new Refusal(attempt.Kind, CommentRateLimits.RetryAfterSeconds(lease)));
            context.HandlerMethod = context.ActionDescriptor.HandlerMethods
                .FirstOrDefault(handler => handler.HttpMethod.Equals("Get", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(handler.Name));
        }
    }

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HttpContext.Features.Get<Refusal>() is not { } refusal)
        {
            await next();
            return;
        }
        // What the reader typed was bound from the form; the GET handler may load the stored text over it (editing).
        var bound = context.ActionDescriptor.BoundProperties.OfType<PageBoundPropertyDescriptor>()
            .Where(p => p.Property.DeclaringType!.IsInstanceOfType(context.HandlerInstance) && p.Property.CanWrite)
            .Select(p => (p.Property, Value: p.Property.GetValue(context.HandlerInstance)))
            .ToList();
        var executed = await next();
        foreach (var (property, value) in bound)
        {
            property.SetValue(context.HandlerInstance, value);
        }

        var message = CommentRateLimits.Message(refusal.Kind, refusal.RetryAfterSeconds);
        var response = context.HttpContext.Response;
        response.Headers[HeaderNames.RetryAfter] = refusal.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (executed.Exception is null && (executed.Result is null or PageResult))
        {
            context.ModelState.AddModelError("", message);
            var page = executed.Result as PageResult ?? new PageResult();
            page.StatusCode = StatusCodes.Status429TooManyRequests;
            executed.Result = page;
        }
        else if (executed.Exception is null)
        {
            // The page could not be shown again (its GET sends elsewhere): the reason alone.
            executed.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status429TooManyRequests,
                ContentType = "text/plain; charset=utf-8",
                Content = message,
            };
        }
    }
}
