using System.Text.RegularExpressions;

namespace Gazette.Infrastructure;

/// <summary>
/// The fields of a form a reader sent that could not be taken (the database was down, the form had gone stale), so
/// that the page answering it can offer what they typed back with a button to send it again, instead of losing it.
/// </summary>
public sealed partial class SentForm
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    private SentForm(IReadOnlyList<KeyValuePair<string, string>> fields) => Fields = fields;

    /// <summary>Every field as it came, in order, the antiforgery token included.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    /// <summary>
    /// The form being sent, if it can be offered again: never one with a password (it would be written into a page),
    /// never a file upload (a file cannot be put back into a form), never a body too large or broken to read.
    /// </summary>
    public static async Task<SentForm?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return null;
        }
        IFormCollection form;
        try
        {
            // Model binding or antiforgery has read it already: this is the same collection, not a second read of the body.
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
        if (form.Files.Count > 0 || form.Keys.Any(key => key.Contains("password", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        return new SentForm([.. form.SelectMany(field => field.Value.Select(value => new KeyValuePair<string, string>(field.Key, value ?? "")))]);
    }

    /// <summary>The fields where readers write at length (a comment's body, an appeal's or a flag's text, a note): shown to be read and changed.</summary>
    public static bool IsText(string name) => TextField().IsMatch(name);

    [GeneratedRegex(@"(^|\.)(Body|Text|Note|Reason|Message)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TextField();
}
