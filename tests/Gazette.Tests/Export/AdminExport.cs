using System.Net;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gazette.Tests.Export;

/// <summary>Downloads from /admin/export as a signed-in administrator, through the page's own form.</summary>
public static class AdminExport
{
    public const string Json = "Download JSON";
    public const string WordPress = "Download for WordPress";

    public static async Task<(HttpResponseMessage Response, byte[] Body)> DownloadAsync(WebApplicationFactory<Program> site, string button)
    {
        using var browser = await site.SignInAsAdministratorAsync();
        var form = await browser.GetFormAsync("/admin/export", "form.export-form");
        var response = await form.PressAsync(button);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/admin/export answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 500)]}");
        return (response, body);
    }
}
