using System.ComponentModel.DataAnnotations;

namespace Gazette.SitePages;

/// <summary>The standalone page's form, as typed: shown back unchanged when something in it needs fixing.</summary>
public sealed class PageInput
{
    public const int MaxBodyLength = 200_000;
    /// <summary>The form's fields as the error summary names them, in the order the form shows them.</summary>
    public static readonly string[] FieldNames = ["Input.Title", "Input.Slug", "Input.Body", "Input.FooterOrder"];

    [Display(Name = "Title")]
    [Required(ErrorMessage = "Give the page a title.")]
    [StringLength(SitePage.MaxTitleLength, ErrorMessage = "Keep the title to {1} characters or fewer.")]
    public string? Title { get; set; }

    [Display(Name = "Address")]
    public string? Slug { get; set; }

    [Display(Name = "Body")]
    [StringLength(MaxBodyLength, ErrorMessage = "Keep the body to {1:N0} characters or fewer.")]
    public string? Body { get; set; }

    [Display(Name = "Published")]
    public bool Published { get; set; }

    [Display(Name = "Link it from the footer of every page")]
    public bool InFooter { get; set; }

    [Display(Name = "Place in the footer")]
    [Range(-1000, 1000, ErrorMessage = "The place is a number from -1000 to 1000; lower comes first.")]
    public int FooterOrder { get; set; }
}
