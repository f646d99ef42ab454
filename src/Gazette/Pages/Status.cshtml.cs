using System.Globalization;
using Gazette.Infrastructure;
using Gazette.Media;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Pages;

/// <summary>
/// The page a browser sees for an error status that came without a body (status code pages re-execute here): it keeps
/// that status and says what happened in words that fit it. A form refused only because its antiforgery token had gone
/// stale (the reader signed in or out in another tab, or the browser was restarted) comes back with what they wrote
/// and a fresh token, so a long comment is not lost; only for a form sent from this site's own pages.
/// </summary>
[IgnoreAntiforgeryToken] // The request re-executed here may be that refused form itself.
public sealed class StatusModel(IAntiforgery antiforgery, IOptions<MediaOptions> media) : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Heading { get; private set; } = "";
    public string Text { get; private set; } = "";
    public SentForm? Resend { get; private set; }
    public string? ResendAction { get; private set; }

    /// <summary>Whatever the method of the request re-executed here (a refused DELETE too), it gets this page.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // From the route only: binding from the form would read the body of a request that may have none to give.
        await ShowAsync(int.TryParse(RouteData.Values["code"] as string, CultureInfo.InvariantCulture, out var code) ? code : 0);
        await next();
    }

    private async Task ShowAsync(int code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        // An exception handled here has its status set already (500, or 400/413 for a body that could not be read).
        var handled = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null ? Response.StatusCode : (int?)null;
        Code = reExecuted?.OriginalStatusCode ?? handled ?? (code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound);
        Response.StatusCode = Code;
        (Title, Heading, Text) = Code switch
        {
            StatusCodes.Status404NotFound => ("Page not found", "We couldn’t find that page",
                "The article, section or author you were looking for isn’t here. It may have moved, or the link may have a typo."),
            StatusCodes.Status410Gone => ("Removed", "This article has been removed",
                "The people who run this site took it down. Its address no longer leads anywhere; the rest of the site is still here."),
            StatusCodes.Status403Forbidden => ("Not allowed", "You can’t open this page",
                "Your account does not have access to it. If you think it should, ask the people who run this site."),
            StatusCodes.Status405MethodNotAllowed => ("Not possible here", "That can’t be done at this address",
                "The page this was sent to does not take it. Go back and use the site’s own links and buttons."),
            _ when TooLarge() => ("Too large", "That was too large to send",
                $"What you sent is more than this site takes at once; an image may weigh up to {media.Value.MaxUploadBytes / (1024.0 * 1024):0.#} MB. Go back and choose a smaller file: your browser usually keeps the rest of what you typed."),
            StatusCodes.Status400BadRequest when HttpContext.Features.Get<NulRefusal.Refused>() is { } nul => ("Not accepted", "That could not be accepted",
                $"{NulRefusal.Detail(nul.Fields)} In an address it is written %00: if you followed a link, the link is broken."),
            StatusCodes.Status400BadRequest => ("Not accepted", "That request could not be accepted",
                "Something in it was missing or malformed. Go back and try again; if you followed a link, it may be broken."),
            >= 500 => ("Something went wrong", "Something went wrong on our side", "The problem has been logged. Please try again in a moment."),
            _ => ("Not accepted", "That request could not be completed", "Go back and try again."),
        };
        if (Code == StatusCodes.Status400BadRequest && reExecuted is not null && await IsStaleFormFromThisSiteAsync())
        {
            Resend = await SentForm.ReadAsync(Request, HttpContext.RequestAborted);
            if (Resend is not null)
            {
                ResendAction = reExecuted.OriginalPathBase + reExecuted.OriginalPath + reExecuted.OriginalQueryString;
                (Title, Heading, Text) = ("Please send that again", "Please send that again",
                    "This form could not be taken: the page it came from was opened before you signed in or out, or your browser was restarted since. Nothing was saved. What you wrote is below.");
            }
        }
    }

    /// <summary>A body over the server's limit: the form could not even be read.</summary>
    private bool TooLarge() =>
        Code == StatusCodes.Status413PayloadTooLarge
        || (Request.ContentLength is { } length && HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit && length > limit);

    /// <summary>
    /// A form posted from one of this site's own pages whose only fault is its antiforgery token. A form posted from
    /// another site is never offered back: its text is not the reader's.
    /// </summary>
    private async Task<bool> IsStaleFormFromThisSiteAsync()
    {
        var sameOrigin = Request.Headers["Sec-Fetch-Site"] == "same-origin"
            || string.Equals(Request.Headers.Origin, $"{Request.Scheme}://{Request.Host}", StringComparison.OrdinalIgnoreCase);
        if (!sameOrigin || !HttpMethods.IsPost(Request.Method) || !Request.HasFormContentType)
        {
            return false;
        }
        try
        {
            return !await antiforgery.IsRequestValidAsync(HttpContext);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return false;
        }
    }
}
