using System.ComponentModel.DataAnnotations;
using Gazette.Accounts;
using Gazette.Core.Text;
using Gazette.Newsroom;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Media;

/// <summary>
/// /admin/media: the images uploaded for article bodies. The page lists and finds them, takes an upload and deletes
/// one nothing shows. The editor's script uses the same addresses with Accept: application/json: an upload (or a
/// picked image, by id) answers its address, size and the Markdown to insert; ?handler=search lists images as JSON.
/// </summary>
[Authorize(Policy = StaffPolicies.Write)]
public sealed class MediaLibraryPageModel(MediaLibrary library, Staffers staffers) : PageModel
{
    public const string NeedsAlt = "Describe the image for readers who cannot see it.";

    /// <summary>What the editor's script gets back: the image, and its Markdown with the alt text, caption and credit given.</summary>
    public sealed record Inserted(int Id, string Url, int Width, int Height, string Alt, string Markdown);

    public sealed class UploadInput
    {
        [Display(Name = "Image file")]
        public IFormFile? File { get; set; }

        /// <summary>An image of the library, picked again instead of a file.</summary>
        public int? Id { get; set; }

        [Display(Name = "Image description (alt text)")]
        [StringLength(LibraryImage.MaxAltLength, ErrorMessage = "Keep the description to {1} characters or fewer.")]
        public string? Alt { get; set; }

        [Display(Name = "Caption")]
        [StringLength(500, ErrorMessage = "Keep the caption to {1} characters or fewer.")]
        public string? Caption { get; set; }

        [Display(Name = "Credit")]
        [StringLength(200, ErrorMessage = "Keep the credit to {1} characters or fewer.")]
        public string? Credit { get; set; }
    }

    [BindProperty]
    public UploadInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [TempData]
    public string? Done { get; set; }

    public IReadOnlyList<MediaLibrary.Item> Images { get; private set; } = [];

    public IReadOnlySet<string> InUse { get; private set; } = new HashSet<string>();

    public static string[] FieldOrder => ["Input.File", "Input.Alt", "Input.Caption", "Input.Credit"];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ListAsync(cancellationToken);

    /// <summary>The picker's list: the newest images, or those whose name or alt text has the words typed.</summary>
    public async Task<JsonResult> OnGetSearchAsync(CancellationToken cancellationToken) =>
        new((await library.SearchAsync(Query, 0, cancellationToken))
            .Select(i => new { i.Id, i.Url, i.ThumbnailUrl, i.Width, i.Height, i.FileName, i.Alt }));

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var staffer = await staffers.CurrentAsync(User, cancellationToken);
        var alt = Input.Alt?.Trim() ?? "";
        if (alt.Length == 0)
        {
            ModelState.AddModelError("Input.Alt", NeedsAlt);
        }
        if (Input.File is not { Length: > 0 } && Input.Id is null)
        {
            ModelState.AddModelError("Input.File", $"Choose an image file: {ImageUploads.AcceptedTypes}.");
        }
        MediaLibrary.Item? image = null;
        if (ModelState.IsValid)
        {
            try
            {
                if (Input.File is { Length: > 0 } file)
                {
                    await using var content = file.OpenReadStream();
                    image = await library.UploadAsync(content, file.FileName, alt, staffer.UserId, cancellationToken);
                }
                else if (await library.FindAsync(Input.Id!.Value, cancellationToken) is { } picked)
                {
                    await library.RememberAltAsync(picked.Id, alt, cancellationToken);
                    image = picked;
                }
                else
                {
                    ModelState.AddModelError("Input.File", "That image is no longer in the library. Choose another.");
                }
            }
            catch (ImageRejectedException e)
            {
                ModelState.AddModelError("Input.File", e.Message);
            }
        }

        if (WantsJson)
        {
            return image is null
                ? new ObjectResult(new ValidationProblemDetails(ModelState) { Status = StatusCodes.Status400BadRequest, Title = FirstError() })
                    { StatusCode = StatusCodes.Status400BadRequest }
                : new JsonResult(new Inserted(image.Id, image.Url, image.Width, image.Height, alt,
                    BodyImages.Markdown(alt, image.Url, Input.Caption, Input.Credit)));
        }
        if (image is null)
        {
            await ListAsync(cancellationToken);
            return Page();
        }
        Done = $"Uploaded: {image.FileName}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        var image = await library.FindAsync(id, cancellationToken);
        if (image is null)
        {
            return NotFound();
        }
        Done = await library.DeleteAsync(id, cancellationToken)
            ? $"Deleted: {image.FileName}."
            : $"Not deleted: {image.FileName} is still shown by an article, a revision or a draft.";
        return RedirectToPage(new { q = Query });
    }

    private bool WantsJson => Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    private string FirstError() =>
        ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault() ?? "The image could not be added.";

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        Images = await library.SearchAsync(Query, 0, cancellationToken);
        InUse = await library.InUseAsync(Images.Select(i => i.Path).ToList(), cancellationToken);
    }
}
