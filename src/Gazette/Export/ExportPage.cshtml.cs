using Gazette.Accounts;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gazette.Export;

/// <summary>
/// /admin/export: administrators download the whole site as Gazette's JSON or as a WordPress export. The download is a
/// POST (with the antiforgery token every form here has), streamed as it is written, never built in memory first.
/// </summary>
[Authorize(Policy = StaffPolicies.Administer)]
public sealed class ExportModel(SiteExport export, IOptionsMonitor<SiteOptions> site, TimeProvider clock) : PageModel
{
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? format, CancellationToken cancellationToken)
    {
        if (!ExportFormats.TryParse(format, out var chosen))
        {
            Error = "Choose JSON or WordPress.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var fileName = ExportFormats.FileName(chosen, site.CurrentValue.Name, clock.GetUtcNow().UtcDateTime);
        Response.ContentType = ExportFormats.ContentType(chosen);
        Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = fileName }.ToString();
        Response.Headers[HeaderNames.CacheControl] = "no-store";
        await export.WriteAsync(chosen, Response.Body, $"{Request.Scheme}://{Request.Host}{Request.PathBase}", cancellationToken);
        return new EmptyResult();
    }
}
