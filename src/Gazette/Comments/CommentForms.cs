using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Comments;

/// <summary>How the comment form pages answer: a redirect for a browser, JSON for the page's own script.</summary>
public static class CommentForms
{
    /// <summary>Sent by discussion.js when it submits a form in place; it wants to know where the comment is, not a page.</summary>
    public const string ScriptHeader = "X-Gazette-Script";

    public static bool FromScript(HttpRequest request) => request.Headers.ContainsKey(ScriptHeader);

    /// <summary>
    /// The most characters of one field a refused form is shown again with: a 5 MB paste is refused with its start kept,
    /// not echoed whole into the page (and never cut without a word).
    /// </summary>
    public const int EchoLimit = 100_000;

    /// <summary>
    /// What a refused form shows again in a field: the text as sent, or its first <see cref="EchoLimit"/> characters
    /// (never half a surrogate pair) with a message next to the field saying so.
    /// </summary>
    public static string? KeepForEcho(PageModel page, string field, string? text)
    {
        if (text is null || text.Length <= EchoLimit)
        {
            return text;
        }
        var kept = text[..(char.IsHighSurrogate(text[EchoLimit - 1]) ? EchoLimit - 1 : EchoLimit)];
        var said = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Only the first {kept.Length:N0} of the {text.Length:N0} characters sent are shown here; the rest was not kept.");
        // A field shows one message: this one goes after the reason it was refused, if it has one.
        var errors = page.ModelState.TryGetValue(field, out var entry) ? entry.Errors : null;
        if (errors is { Count: > 0 })
        {
            var reason = errors[0].ErrorMessage;
            errors.RemoveAt(0);
            errors.Insert(0, new Microsoft.AspNetCore.Mvc.ModelBinding.ModelError($"{reason} {said}"));
        }
        else
        {
            page.ModelState.AddModelError(field, said);
        }
        return kept;
    }

    public static IActionResult Done(PageModel page, WriteResult result, string? redirectTo = null)
    {
        var permalink = redirectTo ?? $"/comments/{result.CommentId}";
        return FromScript(page.Request)
            ? new JsonResult(new { id = result.CommentId, url = permalink, score = result.Score, awaitingModeration = result.AwaitingModeration })
            : new RedirectResult(permalink);
    }

    /// <summary>The form again, with the reason next to the field and the status that says what kind of refusal it is.</summary>
    public static IActionResult Refused(PageModel page, WriteResult result)
    {
        // Errors about a form field go next to it; the rest (a missing parent, closed comments) above the form.
        var field = result.Field is nameof(CommentInput.Body) or nameof(CommentInput.AuthorName) or nameof(CommentInput.AuthorEmail) ? result.Field : "";
        page.ModelState.AddModelError(field, result.Message ?? "That did not work.");
        page.Response.StatusCode = result.HttpStatus;
        return new PageResult();
    }
}
