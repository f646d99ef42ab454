using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Data;
using Gazette.Media;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SlugText = Gazette.Core.Text.Slug;

namespace Gazette.Newsroom;

/// <summary>
/// What the editor and the preview of unsaved edits share: finding the article and checking that this staff member
/// may work on it, and reading the form into an article's content, with a message beside each field that is wrong.
/// </summary>
[Authorize(Policy = StaffPolicies.Write)]
public abstract class ArticleFormPage(GazetteDb db, Staffers staffers, ArticleChecks checks, KeptImages keptImages, ImageUploads uploads)
    : PageModel
{
    protected GazetteDb Db => db;
    protected ArticleChecks Checks => checks;
    protected KeptImages KeptImages => keptImages;

    [BindProperty]
    public EditorInput Input { get; set; } = new();

    public Staffer Staffer { get; private set; } = null!;

    /// <summary>The article being edited; null for a new one.</summary>
    public ArticleHeader? Article { get; private set; }

    /// <summary>The image the form carries, as the page shows it (with the alt text typed).</summary>
    public FeaturedImage? KeptImage => keptImages.Unprotect(Input.KeptImage);

    /// <summary>Finds the article and checks access: null to go on, or the answer (404, or 403 for another author's article).</summary>
    protected async Task<IActionResult?> LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Staffer = await staffers.CurrentAsync(User, cancellationToken);
        if (id is null)
        {
            return null;
        }
        Article = await ArticleHeader.FindAsync(db, id.Value, cancellationToken);
        if (Article is null)
        {
            return NotFound();
        }
        return Staffer.MayEdit(Article.BylineUserIds) ? null : Forbid();
    }

    /// <summary>
    /// The content the form describes. Problems go to ModelState beside their fields; an image uploaded with the form
    /// is stored at once and carried by the form from then on, so an error elsewhere never asks for it again.
    /// </summary>
    protected async Task<ArticleContent> ReadContentAsync(CancellationToken cancellationToken)
    {
        var image = await ReadImageAsync(cancellationToken);
        var title = Input.Title?.Trim() ?? "";
        var slug = Input.Slug?.Trim() is { Length: > 0 } typed ? typed : SlugText.From(title);
        if (slug.Length == 0)
        {
            if (title.Length > 0)
            {
                ModelState.AddModelError("Input.Slug", "The title has no letters or digits to make an address from. Write one here, like “my-story”.");
            }
        }
        else if (await checks.SlugProblemAsync(slug, Article?.Id, cancellationToken) is { } problem)
        {
            ModelState.AddModelError("Input.Slug", problem);
        }
        var (tags, tagProblem) = ArticleChecks.ParseTags(Input.Tags);
        if (tagProblem is not null)
        {
            ModelState.AddModelError("Input.Tags", tagProblem);
        }
        if (Input.CategoryId is { } categoryId && !await db.Categories.AnyAsync(c => c.Id == categoryId, cancellationToken))
        {
            ModelState.AddModelError("Input.CategoryId", "That section does not exist any more. Choose another.");
        }
        if (Staffer.MayPublish && Input.AuthorId != 0 && !await db.Authors.AnyAsync(a => a.Id == Input.AuthorId, cancellationToken))
        {
            ModelState.AddModelError("Input.AuthorId", "That author does not exist any more. Choose another byline.");
        }
        if (Staffer.MayPublish)
        {
            var more = Input.MoreAuthorIds.Take(Articles.ArticleByline.MaxCount - 1).ToList();
            var chosen = more.Where(authorId => authorId > 0).Distinct().ToList();
            var known = await db.Authors.Where(a => chosen.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
            for (var i = 0; i < more.Count; i++)
            {
                if (more[i] > 0 && !known.Contains(more[i]))
                {
                    ModelState.AddModelError($"Input.MoreAuthorIds[{i}]", "That author does not exist any more. Choose another byline.");
                }
            }
        }
        return new ArticleContent(title, slug, Input.Excerpt?.Trim() ?? "", Input.Body ?? "", image, Input.CategoryId, tags);
    }

    private async Task<FeaturedImage?> ReadImageAsync(CancellationToken cancellationToken)
    {
        var kept = keptImages.Unprotect(Input.KeptImage);
        if (kept is null && !string.IsNullOrEmpty(Input.KeptImage))
        {
            ModelState.AddModelError("Input.ImageFile", "The image chosen before could not be kept. Choose it again.");
        }
        if (Input.ImageFile is { Length: > 0 } file)
        {
            try
            {
                await using var content = file.OpenReadStream();
                var saved = await uploads.SaveAsync(content, cancellationToken);
                kept = new FeaturedImage { Path = saved.Path, Width = saved.Width, Height = saved.Height, Kind = saved.Kind, Alt = "" };
                Input.RemoveImage = false;
            }
            catch (ImageRejectedException e)
            {
                ModelState.AddModelError("Input.ImageFile", e.Message);
            }
        }
        else if (Input.RemoveImage)
        {
            kept = null;
            Input.RemoveImage = false;
        }
        // The form shows what is kept now, not what was posted.
        Input.KeptImage = kept is null ? null : keptImages.Protect(kept);
        ModelState.Remove("Input.KeptImage");
        ModelState.Remove("Input.RemoveImage");
        if (kept is null)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(Input.ImageAlt))
        {
            ModelState.AddModelError("Input.ImageAlt", "Describe the image for readers who cannot see it.");
        }
        kept.Alt = Input.ImageAlt?.Trim() ?? "";
        return kept;
    }
}
