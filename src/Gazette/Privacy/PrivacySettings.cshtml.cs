using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Gazette.Accounts;
using Gazette.Administration;
using Gazette.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Privacy;

/// <summary>/admin/privacy: what account deletion does to comments, and how long IP hashes are kept. Saved as site settings.</summary>
[Authorize(Policy = StaffPolicies.Administer)]
public sealed class PrivacySettingsModel(GazetteDb db, SiteSettingsStore store, IOptionsMonitor<PrivacyOptions> privacy) : PageModel
{
    [BindProperty]
    public PrivacySettingsInput Input { get; set; } = new();

    public bool Saved { get; private set; }

    public void OnGet(bool saved = false)
    {
        Input = PrivacySettingsInput.From(privacy.CurrentValue);
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var current = PrivacySettingsInput.From(privacy.CurrentValue).ToConfiguration();
        var changed = Input.ToConfiguration().Where(setting => current[setting.Key] != setting.Value)
            .ToDictionary(setting => setting.Key, setting => setting.Value);
        await store.SaveAsync(db, changed, cancellationToken);
        return RedirectToPage(new { saved = true });
    }
}

public sealed class PrivacySettingsInput
{
    [Display(Name = "When a reader deletes their account")]
    public AccountDeletionMode OnAccountDeletion { get; set; }

    [Display(Name = "Keep IP hashes for")]
    [Required(ErrorMessage = "Enter how many days IP hashes are kept.")]
    [WholeNumber(1, 3650)]
    public string? IpRetentionDays { get; set; }

    public static PrivacySettingsInput From(PrivacyOptions options) => new()
    {
        OnAccountDeletion = options.OnAccountDeletion,
        IpRetentionDays = options.IpRetentionDays.ToString(CultureInfo.InvariantCulture),
    };

    public IReadOnlyDictionary<string, string> ToConfiguration() => new Dictionary<string, string>
    {
        [$"{PrivacyOptions.Section}:{nameof(PrivacyOptions.OnAccountDeletion)}"] = OnAccountDeletion.ToString(),
        [$"{PrivacyOptions.Section}:{nameof(PrivacyOptions.IpRetentionDays)}"] =
            WholeNumberAttribute.TryParse(IpRetentionDays, out var days) ? days.ToString(CultureInfo.InvariantCulture) : "",
    };
}
