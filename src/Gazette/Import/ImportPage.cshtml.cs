using Gazette.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Import;

/// <summary>
/// /admin/import: an administrator uploads a WordPress or Disqus export, as a dry run or for real; the import runs in
/// the background (<see cref="ImportJobs"/>) and this page shows its progress, refreshing itself while it runs (an HTTP
/// Refresh header: no script needed), then its report.
/// </summary>
[Authorize(Policy = StaffPolicies.Administer)]
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class ImportPageModel(ImportJobs jobs) : PageModel
{
    public const long MaxUploadBytes = 4L * 1024 * 1024 * 1024;
    public const int RefreshSeconds = 2;

    [BindProperty]
    public string Kind { get; set; } = "wordpress";

    [BindProperty]
    public bool DryRun { get; set; } = true;

    [BindProperty]
    public string? OldBaseUrl { get; set; }

    [BindProperty]
    public bool SkipPings { get; set; }

    public ImportJobs.Job? Job { get; private set; }

    public void OnGet()
    {
        Job = jobs.Latest;
        if (Job is { IsRunning: true })
        {
            Response.Headers["Refresh"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var kind = Kind switch
        {
            "wordpress" => ImportKind.WordPress,
            "disqus" => ImportKind.Disqus,
            "json" => ImportKind.Json,
            _ => (ImportKind?)null,
        };
        if (kind is null)
        {
            ModelState.AddModelError(nameof(Kind), "Choose WordPress, Disqus or a Gazette export (JSON).");
        }
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", $"Choose the export file to import (an .{(kind == ImportKind.Json ? "json" : "xml")} file).");
        }
        var oldBase = string.IsNullOrWhiteSpace(OldBaseUrl) ? null : OldBaseUrl.Trim();
        if (oldBase is not null && (!Uri.TryCreate(oldBase, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            ModelState.AddModelError(nameof(OldBaseUrl), $"\"{oldBase}\" is not an http(s) address such as https://old.example.");
        }
        if (jobs.Latest is { IsRunning: true })
        {
            ModelState.AddModelError("", "An import is running: wait for it to end before starting another.");
        }
        if (!ModelState.IsValid)
        {
            Job = jobs.Latest;
            return Page();
        }
        var folder = jobs.FolderFor();
        Directory.CreateDirectory(folder);
        var saved = Path.Combine(folder, $"{Guid.NewGuid():N}.xml");
        await using (var target = new FileStream(saved, FileMode.CreateNew, FileAccess.Write))
        {
            await file!.CopyToAsync(target, cancellationToken);
        }
        var request = new ImportRequest(kind!.Value, DryRun, null, oldBase, SkipPings && kind == ImportKind.WordPress);
        if (jobs.TryStart(request, saved, Path.GetFileName(file.FileName)) is null)
        {
            ModelState.AddModelError("", "An import is running: wait for it to end before starting another.");
            Job = jobs.Latest;
            return Page();
        }
        return RedirectToPage();
    }
}
