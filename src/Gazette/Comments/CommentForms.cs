using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Comments;

/// <summary>How the comment form pages answer: a redirect for a browser, JSON for the page's own script.</summary>
public static class CommentForms
{
    /// <summary>Sent by discussion.js when it submits a form in place; it wants to know where the comment is, not a page.</summary>
    public const string ScriptHeader = "X-Gazette-Script";

    public static bool FromScript(HttpRequest request) => request.Headers.ContainsKey(ScriptHeader);

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
