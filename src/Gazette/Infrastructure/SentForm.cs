using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace Gazette.Infrastructure;

/// <summary>
/// The fields of a form a reader sent that could not be taken (the database was down, the form had gone stale), so
/// that the page answering it can offer what they typed back with a button to send it again, instead of losing it.
/// </summary>
public sealed partial class SentForm
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>How a field comes back: as it came but out of sight, shown to be read and changed, or to be given again.</summary>
    public enum FieldKind
    {
        Hidden,
        Line,
        Text,
        Password,
        File,
    }

    public sealed record Field(string Name, string Value, FieldKind Kind);

    private SentForm(IReadOnlyList<Field> fields) => Fields = fields;

    /// <summary>
    /// Every field as it came, in order, the antiforgery token included; but a password comes back empty (it is never
    /// written into a page) and a file only by its field's name, to be chosen again.
    /// </summary>
    public IReadOnlyList<Field> Fields { get; }

    /// <summary>A file was sent: the form that sends it again is multipart.</summary>
    public bool HasFiles => Fields.Any(sent => sent.Kind == FieldKind.File);

    /// <summary>The form being sent, if it can be offered again: never a body too large or broken to read.</summary>
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
        var fields = new List<Field>();
        foreach (var (name, values) in form)
        {
            var kind = KindOf(name);
            fields.AddRange(kind == FieldKind.Password
                ? [new Field(name, "", kind)]
                : values.Select(value => new Field(name, value ?? "", kind)));
        }
        fields.AddRange(form.Files.Select(file => file.Name).Distinct(StringComparer.Ordinal).Select(name => new Field(name, "", FieldKind.File)));
        return new SentForm(fields);
    }

    /// <summary>The fields where readers write at length (a comment's body, an appeal's or a flag's text, a note): shown to be read and changed.</summary>
    public static bool IsText(string name) => TextField().IsMatch(name);

    public static FieldKind KindOf(string name) =>
        name.Contains("password", StringComparison.OrdinalIgnoreCase) ? FieldKind.Password
        : IsText(name) ? FieldKind.Text
        : LineField().IsMatch(name) ? FieldKind.Line
        : FieldKind.Hidden;

    /// <summary>
    /// The fields, as HTML to put inside the form that sends them again (the page that answers may not be able to run
    /// Razor: see DatabaseOutageHandler). The antiforgery token is left out when the page puts in a fresh one.
    /// </summary>
    public string FieldsHtml(string idPrefix, bool withToken)
    {
        var html = HtmlEncoder.Default;
        var body = new StringBuilder();
        if (Fields.Any(sent => sent.Kind is FieldKind.Password or FieldKind.File))
        {
            body.Append("""<p class="field-hint">Passwords and files are never kept: type or choose them again.</p>""");
        }
        foreach (var (name, value, kind) in Fields.Where(sent => withToken || sent.Name != AntiforgeryField))
        {
            var id = html.Encode(idPrefix + name);
            var encodedName = html.Encode(name);
            body.Append(kind switch
            {
                // The parser drops one newline right after <textarea>: this one, so that the text's own first line stays.
                FieldKind.Text => $"""<div class="field"><label for="{id}">What you wrote</label><textarea id="{id}" name="{encodedName}" rows="8">{"\n"}{html.Encode(value)}</textarea></div>""",
                FieldKind.Line => $"""<div class="field"><label for="{id}">{html.Encode(Label(name))}</label><input id="{id}" name="{encodedName}" value="{html.Encode(value)}"></div>""",
                FieldKind.Password => $"""<div class="field"><label for="{id}">{html.Encode(Label(name))}</label><input id="{id}" name="{encodedName}" type="password"></div>""",
                FieldKind.File => $"""<div class="field"><label for="{id}">{html.Encode(Label(name))}</label><input id="{id}" name="{encodedName}" type="file"></div>""",
                _ => $"""<input type="hidden" name="{encodedName}" value="{html.Encode(value)}">""",
            });
        }
        return body.ToString();
    }

    /// <summary>"Input.ConfirmPassword": "Confirm password".</summary>
    private static string Label(string name)
    {
        var words = Words().Matches(name[(name.LastIndexOf('.') + 1)..]).Select(word => word.Value.ToLower(CultureInfo.InvariantCulture)).ToList();
        var label = string.Join(' ', words);
        return label.Length == 0 ? name : char.ToUpper(label[0], CultureInfo.InvariantCulture) + label[1..];
    }

    [GeneratedRegex(@"(^|\.)(Body|Text|Note|Reason|Message)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TextField();

    /// <summary>Short things a person typed (a name, an address, a title, an image's description): shown on one line.</summary>
    [GeneratedRegex(@"(^|\.)(\w*Name|Email|Title|Alt|Caption|Credit)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineField();

    [GeneratedRegex(@"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
