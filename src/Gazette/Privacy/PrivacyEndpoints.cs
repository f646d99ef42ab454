using Gazette.Comments;
using Microsoft.Net.Http.Headers;

namespace Gazette.Privacy;

public static class PrivacyEndpoints
{
    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/account/data/export", Export);
        return routes;
    }

    /// <summary>
    /// Everything about the reader asking, as a JSON attachment: their account's, or what their guest cookie wrote.
    /// Someone with neither has nothing here (404). Never cached anywhere.
    /// </summary>
    internal static async Task<IResult> Export(HttpContext context, Readers readers, PersonalData data, TimeProvider clock, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        var reader = readers.Current(context);
        if (!reader.IsMember && reader.GuestKeyHash is null)
        {
            return TypedResults.NotFound();
        }
        var export = await data.ExportAsync(reader, context.Request, cancellationToken);
        var name = $"gazette-data-{clock.GetUtcNow().UtcDateTime:yyyy-MM-dd}.json";
        context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return TypedResults.File(PersonalData.ToJson(export), "application/json", name);
    }
}
