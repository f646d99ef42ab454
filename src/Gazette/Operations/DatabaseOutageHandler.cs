using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace Gazette.Operations;

/// <summary>
/// A request that met a database outage (<see cref="DatabaseOutage"/>) is answered 503 Service Unavailable with
/// Retry-After, at once: RFC 7807 problem details for the API and scripts, a short page for browsers. A form that was
/// being sent comes back on that page with what the reader typed and a button to send it again, because the page it
/// came from cannot be shown without the database. The page is plain HTML for the same reason: the layout reads the
/// database. A full disk (<see cref="DatabaseOutage.IsDiskFull"/>) is answered the same way but says so, with 507
/// Insufficient Storage and no Retry-After: it lasts until someone frees space, which <see cref="DiskFullWatch"/> tells
/// readiness. Registered as an <see cref="IExceptionHandler"/>, so both exception handlers of the pipeline use it.
/// </summary>
public sealed partial class DatabaseOutageHandler(ILogger<DatabaseOutageHandler> log, DiskFullWatch diskFull) : IExceptionHandler
{
    /// <summary>What Retry-After says: long enough for a server to restart, short enough for a reader to wait.</summary>
    public const int RetryAfterSeconds = 30;

    public const string ApiMessage = "The site cannot reach its database just now. Nothing was changed; try again in a minute.";
    public const string PageMessage = "The site cannot reach its database just now. Please try again in a minute.";
    public const string FormMessage = "The site cannot reach its database just now, so this was not saved. What you wrote is kept: send it again in a minute.";

    public const string DiskFullApiMessage = "The server's disk is full, so the site cannot save anything just now. Nothing was changed; try again later.";
    public const string DiskFullPageMessage = "The server's disk is full, so the site cannot save anything just now. Reading still works; please try again later.";
    public const string DiskFullFormMessage = "The server's disk is full, so this was not saved. What you wrote is kept: copy it somewhere safe, or send it again later.";

    /// <summary>What a reader is told, by the kind of failure.</summary>
    private sealed record Answer(int Status, string Title, string Heading, string Api, string Page, string Form, string ProblemType)
    {
        public static readonly Answer Unreachable = new(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "Briefly unavailable",
            ApiMessage, PageMessage, FormMessage, "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4");

        public static readonly Answer DiskFull = new(StatusCodes.Status507InsufficientStorage, "Insufficient storage", "Cannot save just now",
            DiskFullApiMessage, DiskFullPageMessage, DiskFullFormMessage, "https://www.rfc-editor.org/rfc/rfc4918#section-11.5");
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var diskIsFull = DatabaseOutage.IsDiskFull(exception);
        if (!(diskIsFull || DatabaseOutage.Is(exception)) || context.Response.HasStarted)
        {
            return false;
        }
        // The exception handler may have pointed the request at its error page already: the address asked for is kept here.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "/";
        var answer = diskIsFull ? Answer.DiskFull : Answer.Unreachable;
        var response = context.Response;
        response.StatusCode = answer.Status;
        if (diskIsFull)
        {
            diskFull.ReportFull();
            DiskFull(log, context.Request.Method, path, exception.GetBaseException().Message);
        }
        else
        {
            DatabaseUnreachable(log, context.Request.Method, path, exception.GetBaseException().Message);
            response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
        response.Headers.CacheControl = "no-store";
        var request = context.Request;
        // A browser: it asks for HTML, or it is sending a form.
        var accept = request.GetTypedHeaders().Accept;
        var asksHtml = accept.Any(type => type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        // A page's own script sending its form (the media library's upload from the editor) and asking for JSON gets JSON.
        var asksJson = !asksHtml && accept.Any(type => type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Equals("application/problem+json", StringComparison.OrdinalIgnoreCase));
        var wantsPage = !path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) && !asksJson && (request.HasFormContentType || asksHtml);
        if (!wantsPage)
        {
            await TypedResults.Problem(detail: answer.Api, statusCode: answer.Status, title: answer.Title, type: answer.ProblemType).ExecuteAsync(context);
            return true;
        }

        response.Headers.ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(Page(answer, await SentForm.ReadAsync(request, cancellationToken), request.PathBase + path + request.QueryString), cancellationToken);
        return true;
    }

    private static string Page(Answer answer, SentForm? form, string action)
    {
        var html = HtmlEncoder.Default;
        var body = new StringBuilder();
        if (form is null)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<p class="form-errors" role="alert">{html.Encode(answer.Page)}</p>""");
            body.Append("""<p><a href="/">The latest news</a></p>""");
        }
        else
        {
            body.Append(CultureInfo.InvariantCulture, $"""<p class="form-errors" role="alert">{html.Encode(answer.Form)}</p>""");
            var multipart = form.HasFiles ? " enctype=\"multipart/form-data\"" : "";
            body.Append(CultureInfo.InvariantCulture, $"""<form method="post" action="{html.Encode(action)}" class="outage-form"{multipart}>""");
            // What a person typed is shown and can still be changed; the rest goes back as it came, the token included.
            body.Append(form.FieldsHtml("outage-", withToken: true));
            body.Append("""<button type="submit" class="button">Send again</button></form>""");
        }
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>{html.Encode(answer.Heading)}</title>
            <link rel="stylesheet" href="/css/site.css"></head>
            <body><main class="outage"><h1>{html.Encode(answer.Heading)}</h1>{body}</main></body>
            </html>
            """;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is unreachable: {Method} {Path} answered 503. {Reason}")]
    private static partial void DatabaseUnreachable(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The disk is full: {Method} {Path} answered 507, and nothing can be saved until space is freed where the database (or the data folder) is. {Reason}")]
    private static partial void DiskFull(ILogger logger, string method, string path, string reason);
}
