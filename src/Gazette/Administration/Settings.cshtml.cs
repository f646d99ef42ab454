using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Gazette.Accounts;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Administration;

/// <summary>
/// /admin/settings: the settings that make sense to change while the site runs. Saved in the SiteSettings table
/// under their configuration keys (they win over appsettings.json and the environment) and seen from the next request.
/// </summary>
[Authorize(Policy = StaffPolicies.Administer)]
public sealed class SettingsModel(
    GazetteDb db, SiteSettingsStore store, IOptionsMonitor<SiteOptions> site, IOptionsMonitor<DiscussionOptions> discussion) : PageModel
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public bool Saved { get; private set; }

    public void OnGet(bool saved = false)
    {
        Input = SettingsInput.From(site.CurrentValue, discussion.CurrentValue);
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var current = SettingsInput.From(site.CurrentValue, discussion.CurrentValue).ToConfiguration();
        // Only what was changed is saved: the rest keeps following appsettings.json and the environment.
        var changed = Input.ToConfiguration().Where(setting => current[setting.Key] != setting.Value)
            .ToDictionary(setting => setting.Key, setting => setting.Value);
        await store.SaveAsync(db, changed, cancellationToken);
        return RedirectToPage(new { saved = true });
    }
}

/// <summary>The form, as typed: numbers stay text until they are checked, so a wrong one is shown back as it was.</summary>
public sealed class SettingsInput
{
    public const int MaxNameLength = 80;
    public const int MaxTaglineLength = 160;
    public const int MaxDescriptionLength = 300;

    [Display(Name = "Site name")]
    [Required(ErrorMessage = "Enter the site’s name.")]
    [StringLength(MaxNameLength, ErrorMessage = "The site name can be at most {1} characters long.")]
    public string? Name { get; set; }

    [Display(Name = "Tagline")]
    [StringLength(MaxTaglineLength, ErrorMessage = "The tagline can be at most {1} characters long.")]
    public string? Tagline { get; set; }

    [Display(Name = "Description")]
    [StringLength(MaxDescriptionLength, ErrorMessage = "The description can be at most {1} characters long.")]
    public string? Description { get; set; }

    [Display(Name = "Articles per page")]
    [Required(ErrorMessage = "Enter how many articles a list shows per page.")]
    [WholeNumber(1, 100)]
    public string? ArticlesPerPage { get; set; }

    [Display(Name = "Threads per page")]
    [Required(ErrorMessage = "Enter how many top-level comments a discussion shows per page.")]
    [WholeNumber(1, 1000)]
    public string? ThreadsPerPage { get; set; }

    [Display(Name = "Reply levels shown")]
    [Required(ErrorMessage = "Enter how many reply levels an article page shows.")]
    [WholeNumber(1, 20)]
    public string? MaxDisplayDepth { get; set; }

    [Display(Name = "Longest comment")]
    [Required(ErrorMessage = "Enter the longest comment allowed, in characters.")]
    [WholeNumber(1, 1_000_000)]
    public string? MaxBodyLength { get; set; }

    [Display(Name = "Edit window")]
    [Required(ErrorMessage = "Enter how many minutes a comment can be edited after posting (0 for never).")]
    [WholeNumber(0, 60 * 24 * 365)]
    public string? EditWindowMinutes { get; set; }

    [Display(Name = "Close discussions after")]
    [WholeNumber(0, 36_500)]
    public string? CloseAfterDays { get; set; }

    public static SettingsInput From(SiteOptions site, DiscussionOptions discussion) => new()
    {
        Name = site.Name,
        Tagline = site.Tagline,
        Description = site.Description,
        ArticlesPerPage = Text(site.ArticlesPerPage),
        ThreadsPerPage = Text(discussion.ThreadsPerPage),
        MaxDisplayDepth = Text(discussion.MaxDisplayDepth),
        MaxBodyLength = Text(discussion.MaxBodyLength),
        EditWindowMinutes = Text(discussion.EditWindowMinutes),
        CloseAfterDays = discussion.CloseAfterDays is { } days ? Text(days) : "",
    };

    /// <summary>Each field under its configuration key, as the configuration binder reads it back (empty: none).</summary>
    public IReadOnlyDictionary<string, string> ToConfiguration() => new Dictionary<string, string>
    {
        [Key(SiteOptions.Section, nameof(SiteOptions.Name))] = Name?.Trim() ?? "",
        [Key(SiteOptions.Section, nameof(SiteOptions.Tagline))] = Tagline?.Trim() ?? "",
        [Key(SiteOptions.Section, nameof(SiteOptions.Description))] = Description?.Trim() ?? "",
        [Key(SiteOptions.Section, nameof(SiteOptions.ArticlesPerPage))] = Number(ArticlesPerPage),
        [Key(DiscussionOptions.Section, nameof(DiscussionOptions.ThreadsPerPage))] = Number(ThreadsPerPage),
        [Key(DiscussionOptions.Section, nameof(DiscussionOptions.MaxDisplayDepth))] = Number(MaxDisplayDepth),
        [Key(DiscussionOptions.Section, nameof(DiscussionOptions.MaxBodyLength))] = Number(MaxBodyLength),
        [Key(DiscussionOptions.Section, nameof(DiscussionOptions.EditWindowMinutes))] = Number(EditWindowMinutes),
        [Key(DiscussionOptions.Section, nameof(DiscussionOptions.CloseAfterDays))] = Number(CloseAfterDays),
    };

    private static string Key(string section, string name) => $"{section}:{name}";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"007" and " 7 " are saved as "7"; an empty field as empty.</summary>
    private static string Number(string? typed) =>
        WholeNumberAttribute.TryParse(typed, out var value) ? Text(value) : "";
}

/// <summary>A whole number typed in a text field, within a range; empty passes (Required says whether it may be).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WholeNumberAttribute(int minimum, int maximum) : ValidationAttribute
{
    public static bool TryParse(string? typed, out int value) =>
        int.TryParse(typed?.Trim(), NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out value);

    public override bool IsValid(object? value) =>
        value is not string typed || string.IsNullOrWhiteSpace(typed)
        || (TryParse(typed, out var number) && number >= minimum && number <= maximum);

    public override string FormatErrorMessage(string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {minimum:N0} to {maximum:N0}.");
}
