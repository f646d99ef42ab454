using System.ComponentModel.DataAnnotations;

namespace Gazette.Newsroom;

/// <summary>The editor's form, as typed: shown back unchanged when something in it needs fixing.</summary>
public sealed class EditorInput
{
    public const int MaxTitleLength = 300;
    public const int MaxExcerptLength = 1000;
    public const int MaxAltLength = 500;
    public const int RelatedPinCount = Articles.ArticleDetails.RelatedCount;
    public const int WeekPinCount = Articles.NewsOfTheWeek.Size;

    [Display(Name = "Title")]
    [Required(ErrorMessage = "Give the article a title.")]
    [StringLength(MaxTitleLength, ErrorMessage = "Keep the title to {1} characters or fewer.")]
    public string? Title { get; set; }

    [Display(Name = "Address")]
    public string? Slug { get; set; }

    [Display(Name = "Excerpt")]
    [StringLength(MaxExcerptLength, ErrorMessage = "Keep the excerpt to {1} characters or fewer.")]
    public string? Excerpt { get; set; }

    [Display(Name = "Body")]
    public string? Body { get; set; }

    [Display(Name = "Featured image")]
    public IFormFile? ImageFile { get; set; }

    /// <summary>The image the form already carries (see <see cref="KeptImages"/>).</summary>
    public string? KeptImage { get; set; }

    [Display(Name = "Remove the image")]
    public bool RemoveImage { get; set; }

    [Display(Name = "Image description (alt text)")]
    [StringLength(MaxAltLength, ErrorMessage = "Keep the description to {1} characters or fewer.")]
    public string? ImageAlt { get; set; }

    [Display(Name = "Section")]
    public int? CategoryId { get; set; }

    [Display(Name = "Tags")]
    public string? Tags { get; set; }

    /// <summary>The bylines after the first, in order (editors); 0 for none.</summary>
    public List<int> MoreAuthorIds { get; set; } = [];

    /// <summary>The first byline; 0 is the signed-in staff member's own (made on first use).</summary>
    [Display(Name = "Byline")]
    public int AuthorId { get; set; }

    [Display(Name = "Comments closed")]
    public bool CommentsClosed { get; set; }

    /// <summary>When it goes out, in the site's time zone (a datetime-local value).</summary>
    [Display(Name = "Publication time")]
    public string? PublishAt { get; set; }

    [Display(Name = "Note for the history")]
    [StringLength(200, ErrorMessage = "Keep the note to {1} characters or fewer.")]
    public string? Note { get; set; }

    /// <summary>A new article's autosave key, made by the editor's script until the first save (<see cref="EditorDraft"/>).</summary>
    public string? DraftKey { get; set; }
    /// <summary>The article's latest revision when the form was opened (0: none yet), so a save over someone else's is refused.</summary>
    public int? BaseRevision { get; set; }

    [Display(Name = "Related articles")]
    public List<string?> RelatedPins { get; set; } = [];

    [Display(Name = "News of the week")]
    public List<string?> WeekPins { get; set; } = [];

    /// <summary>The form's fields in the order it shows them, for the error summary.</summary>
    public static string[] FieldOrder =>
    [
        "Input.Title", "Input.Slug", "Input.Excerpt", "Input.Body", "Input.ImageFile", "Input.ImageAlt", "Input.CategoryId",
        "Input.Tags", "Input.AuthorId",
        .. Enumerable.Range(0, Articles.ArticleByline.MaxCount - 1).Select(i => $"Input.MoreAuthorIds[{i}]"),
        "Input.PublishAt", "Input.Note",
        .. Enumerable.Range(0, RelatedPinCount).Select(i => $"Input.RelatedPins[{i}]"),
        .. Enumerable.Range(0, WeekPinCount).Select(i => $"Input.WeekPins[{i}]"),
    ];

    /// <summary>Pads the pin lists to their number of fields (a form may send fewer).</summary>
    public void PadPins()
    {
        while (MoreAuthorIds.Count < Articles.ArticleByline.MaxCount - 1)
        {
            MoreAuthorIds.Add(0);
        }
        while (RelatedPins.Count < RelatedPinCount)
        {
            RelatedPins.Add(null);
        }
        while (WeekPins.Count < WeekPinCount)
        {
            WeekPins.Add(null);
        }
    }
}
