using System.Net;
using Gazette.Privacy;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gazette.Tests.Privacy;

/// <summary>/admin/privacy: an administrator chooses what account deletion does and how long IP hashes are kept, live.</summary>
public sealed class PrivacySettingsTests(PrivacySite site) : IClassFixture<PrivacySite>
{
    [Fact]
    public async Task AnAdministratorSwitchesDeletionToRemoveAndReadersAreToldSo()
    {
        using var admin = await site.SignInAsAdministratorAsync();
        using var reader = await site.SignUpAsync("settings-reader@example.com", "Settings Reader");
        await PrivacySite.CommentAsync(reader, "Something to delete");
        var before = (await reader.GetPageAsync("/account/delete")).QuerySelector(".account-page")!.TextContent;

        var form = await admin.GetFormAsync("/admin/privacy");
        using var saved = await form.Set("Input.OnAccountDeletion", "Remove").Set("Input.IpRetentionDays", "7").SubmitAsync();
        var after = (await reader.GetPageAsync("/account/delete")).QuerySelector(".account-page")!.TextContent;

        Assert.Contains("stays in the discussions", before);
        var page = await admin.FollowAsync(saved);
        Assert.Equal("Settings saved.", page.QuerySelector(".form-done")!.TextContent);
        Assert.NotNull(page.QuerySelector("#mode-remove[checked]"));
        Assert.Contains("comment is removed", after);
        var options = site.Services.GetRequiredService<IOptions<PrivacyOptions>>().Value;
        Assert.Equal((AccountDeletionMode.Remove, 7), (options.OnAccountDeletion, options.IpRetentionDays));
        Assert.Equal("Remove", await site.WithDbAsync(db => db.SiteSettings.Where(s => s.Key == "Privacy:OnAccountDeletion").Select(s => s.Value).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task AWrongRetentionIsShownBackWithItsReason()
    {
        using var admin = await site.SignInAsAdministratorAsync();

        var form = await admin.GetFormAsync("/admin/privacy");
        using var response = await form.Set("Input.IpRetentionDays", "forever").SubmitAsync();

        var page = await admin.ReadPageAsync(response);
        Assert.Equal("forever", page.QuerySelector("#Input_IpRetentionDays")!.GetAttribute("value"));
        Assert.Contains("must be a whole number from 1 to 3,650", page.QuerySelector(".form-errors")!.TextContent);
    }

    [Fact]
    public async Task ReadersCannotOpenIt()
    {
        using var reader = await site.SignUpAsync("curious-reader@example.com", "Curious");

        using var response = await reader.Http.GetAsync("/admin/privacy", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.AbsolutePath);
    }
}
