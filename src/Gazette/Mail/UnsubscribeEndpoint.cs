using Gazette.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Mail;

/// <summary>
/// One-click unsubscribe (RFC 8058): a mail program POSTs <c>List-Unsubscribe=One-Click</c> to the link of the
/// List-Unsubscribe header, without cookies or a form of ours; the signed token says which address leaves which list.
/// The page a reader opens from the footer link belongs to the notifications work.
/// </summary>
public static class UnsubscribeEndpoint
{
    public static void MapMailUnsubscribe(this IEndpointRouteBuilder routes) =>
        routes.MapPost(UnsubscribeLinks.Path, UnsubscribeAsync).DisableAntiforgery();

    private static async Task<Results<Ok<string>, ProblemHttpResult>> UnsubscribeAsync(
        [FromQuery(Name = "t")] string? token, UnsubscribeLinks links, GazetteDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (links.Read(token) is not { } named)
        {
            return TypedResults.Problem(statusCode: 400, title: "This unsubscribe link is not valid.",
                detail: "The link is incomplete or was not made by this site: open the newest mail's link again.");
        }
        await MailSuppression.RecordAsync(db, named.Address, named.List, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return TypedResults.Ok(named.List == MailSuppression.AnyList
            ? $"{named.Address} gets no more mail from this site."
            : $"{named.Address} gets no more mail of this kind ({named.List}).");
    }
}
