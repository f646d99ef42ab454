using Microsoft.Net.Http.Headers;

namespace Gazette.Infrastructure;

/// <summary>
/// Whether a request gets the answer anyone would get: it carries no credential (no sign-in, no Authorization header,
/// no cookie of a reader who has written or voted). Only such answers are kept by the page cache (<see cref="PageCache"/>)
/// and compressed (<see cref="CompressionPolicy"/>): an answer for one reader may hold what only they may see.
/// </summary>
public static class PublicRequests
{
    public static bool IsPublic(HttpContext context) =>
        !context.Request.Headers.ContainsKey(HeaderNames.Authorization)
        && context.User.Identity?.IsAuthenticated != true
        && !Comments.Readers.HasParticipantCookie(context.Request);
}
