using System.Text;
using Gazette.Core.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Gazette.Infrastructure;

/// <summary>
/// The one rule for NUL (U+0000) in what people send: PostgreSQL cannot store it (a write answered 500) and SQLite
/// would, so it is refused everywhere, the same on both databases, before anything reads the text. A JSON body or an
/// address (query string) holding one is answered here with 400: problem details naming each field for the API and
/// JSON, the status page saying why for a browser. A form sent to a page comes back with the reason next to each
/// field and the text kept, less the NUL (<see cref="NulRefusingPages"/>). The path itself cannot hold one: the
/// server refuses it. Other control characters are text like any other, stored as typed. A JSON escape that is no
/// character (a lone surrogate, <c>\uD800</c>) is refused here too, naming its field: the JSON reader would throw.
/// </summary>
public static class NulRefusal
{
    /// <summary>Next to a field of a form that held NUL.</summary>
    public const string FieldMessage = "This held a NUL character (U+0000), which cannot be stored; it has been taken out.";

    /// <summary>Above a form that held NUL.</summary>
    public const string FormMessage = "Nothing was saved: what you sent held a NUL character (U+0000), an invisible control character this site " +
        "does not take. It has been taken out of the text below: check it and send it again.";

    /// <summary>Next to a JSON field holding an escape that is no character: the JSON reader would have failed on it.</summary>
    public const string LoneSurrogateMessage = "Holds a lone surrogate (an escape such as \\uD800 with no pair), which is no character.";

    /// <summary>What was refused, for the status page that tells a browser why.</summary>
    public sealed record Refused(IReadOnlyList<string> Fields);

    public static string Detail(IEnumerable<string> fields) =>
        $"{Quoted(fields)} held a NUL character (U+0000), which this site does not take. Remove it and send again.";

    private static string Quoted(IEnumerable<string> fields) => string.Join(", ", fields.Select(field => $"“{field}”"));

    public static IServiceCollection AddNulRefusal(this IServiceCollection services)
    {
        services.AddSingleton<NulRefusingPages>();
        services.Configure<MvcOptions>(mvc => mvc.Filters.AddService<NulRefusingPages>());
        return services;
    }

    /// <summary>After routing (pages are told apart from other endpoints), before anything reads a body or a query.</summary>
    public static IApplicationBuilder UseNulRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var endpoint = context.GetEndpoint();
        var fields = new List<string>();
        var notText = new List<string>();
        if (endpoint?.Metadata.GetMetadata<AcceptsNulInQueryAttribute>() is null)
        {
            fields.AddRange(request.Query.Where(p => NulCharacters.In(p.Key) || p.Value.Any(NulCharacters.In)).Select(p => NulCharacters.Remove(p.Key)));
        }
        if (request.HasJsonContentType() && await ReadBodyAsync(request, context.RequestAborted) is { } json)
        {
            var faults = NulCharacters.InJson(json);
            fields.AddRange(faults.Nul.Where(field => !fields.Contains(field)));
            notText.AddRange(faults.LoneSurrogates);
        }
        else if (request.HasFormContentType)
        {
            await ReadFormTakingNulAsync(context);
            // A page shows its form again (NulRefusingPages); any other endpoint is refused here.
            if (endpoint?.Metadata.GetMetadata<PageActionDescriptor>() is null)
            {
                // A form that cannot be read (too large, cut off) is left to the endpoint, which answers it as before.
                if (await TryReadFormAsync(request, context.RequestAborted) is { } form)
                {
                    fields.AddRange(form.Where(f => NulCharacters.In(f.Key) || f.Value.Any(NulCharacters.In)).Select(f => NulCharacters.Remove(f.Key)));
                }
            }
        }
        if (fields.Count == 0 && notText.Count == 0)
        {
            await next(context);
            return;
        }
        if (request.Path.StartsWithSegments("/api") || request.HasJsonContentType())
        {
            var errors = fields.Distinct().ToDictionary(field => field, _ => new[] { FieldMessage });
            foreach (var field in notText)
            {
                errors[field] = [LoneSurrogateMessage];
            }
            var detail = string.Join(" ", new[]
            {
                fields.Count == 0 ? null : Detail(fields.Distinct()),
                notText.Count == 0 ? null : $"{Quoted(notText)} held a lone surrogate (an escape such as \\uD800 with no pair), which is no character. Send the text as typed.",
            }.OfType<string>());
            await TypedResults.ValidationProblem(errors, detail: detail, title: "The request was not accepted.").ExecuteAsync(context);
            return;
        }
        // Without a body, for the status page (re-executed) to say why.
        context.Features.Set(new Refused(fields.Distinct().ToList()));
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
    });

    private static async Task<IFormCollection?> TryReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The whole body, kept for whoever reads it next; null when it cannot be read (too large, cut off): they find that out themselves.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        try
        {
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    /// <summary>
    /// ASP.NET Core's form reader refuses a urlencoded form holding %00 outright (an InvalidDataException: a bare 400, the
    /// text lost). Such a form is read here with the reader that takes it, so that the page can refuse it as it refuses
    /// any field, with the text kept.
    /// </summary>
    private static async Task ReadFormTakingNulAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || await ReadBodyAsync(request, context.RequestAborted) is not { } body
            || body.AsSpan().IndexOf("%00"u8) < 0)
        {
            return;
        }
        var limits = context.RequestServices.GetRequiredService<IOptions<FormOptions>>().Value;
        using var reader = new FormReader(new MemoryStream(body), Encoding.UTF8)
        {
            ValueCountLimit = limits.ValueCountLimit,
            KeyLengthLimit = limits.KeyLengthLimit,
            ValueLengthLimit = limits.ValueLengthLimit,
        };
        Dictionary<string, StringValues> fields;
        try
        {
            fields = await reader.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return; // over a limit: the framework's reader refuses it as it would have
        }
        context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(fields)));
    }
}

/// <summary>
/// On a page or endpoint that reads NUL in its query itself and never stores it or sends it to the database (the
/// search splits words at every control character): <see cref="NulRefusal"/> leaves its query alone.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AcceptsNulInQueryAttribute : Attribute;
