using System.Net;
using Gazette.Accounts;
using Gazette.Accounts.Mail;
using Gazette.Tests.Administration;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Accounts;

/// <summary>The administration site with account mail readable and Site:BaseUrl set for its links.</summary>
public sealed class InvitingSite : AdminSite
{
    public AccountMailbox Mail => field ??= AccountMailbox.Of(this);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [.. base.Settings, new("Site:BaseUrl", AccountSite.BaseUrl), new("Mail:PollInterval", "00:00:00.2")];
}

public sealed class InvitationTests(InvitingSite site) : IClassFixture<InvitingSite>
{
    private const string NewPassword = "Invited-Secret-42";

    [Fact]
    public async Task AnAdministratorInvitesAnAuthorWhoChoosesAPasswordFromTheMailAndSignsIn()
    {
        using var admin = await site.SignInAsAdministratorAsync();
        var page = await admin.GetPageAsync("/admin/users/invite");
        foreach (var box in page.QuerySelectorAll("input[name='Input.Roles']").OfType<AngleSharp.Html.Dom.IHtmlInputElement>())
        {
            box.IsChecked = box.Value == Roles.Author;
        }

        using var invited = await admin.Form(page, "form.invite-form")
            .Set("Input.Email", "new.author@example.com").Set("Input.DisplayName", "New Author").SubmitAsync();

        var account = await admin.FollowAsync(invited);
        Assert.Contains("The invitation is on its way to new.author@example.com", account.QuerySelector(".form-done")!.TextContent);
        var user = await site.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == "NEW.AUTHOR@EXAMPLE.COM", TestContext.Current.CancellationToken));
        Assert.Null(user.PasswordHash);
        Assert.True(user.EmailConfirmed);
        var mail = await site.Mail.OneAsync(AccountMessageKind.Invitation, "new.author@example.com");
        Assert.Contains("Hello New Author,", mail.TextBody);
        var link = new Uri(AccountMailbox.LinkIn(mail));
        Assert.StartsWith(AccountSite.BaseUrl + "/account/reset-password?", link.AbsoluteUri);

        using var invitee = new FormClient(site);
        var choose = await invitee.GetPageAsync(link.PathAndQuery);
        Assert.Equal("Choose your password", choose.QuerySelector("h1")!.TextContent);
        using var chosen = await invitee.Form(choose).Set("Input.Password", NewPassword).Set("Input.ConfirmPassword", NewPassword).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        using var signedIn = await AccountSite.SignInAsync(invitee, "new.author@example.com", NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await invitee.Http.GetAsync("/admin/articles", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task AnInvitationForATakenAddressOrWithoutARoleIsToldOnItsField()
    {
        await site.EnsureUserAsync("already@example.com", "Already Here");
        using var admin = await site.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync("/admin/users/invite", "form.invite-form");

        using var response = await form.Set("Input.Email", "already@example.com").Set("Input.DisplayName", "Again").SubmitAsync();

        var page = await admin.ReadPageAsync(response);
        Assert.Contains("already exists", AccountPage.FieldError(page, "Input.Email"));
        Assert.Contains("Choose at least one role", AccountPage.FieldError(page, "Input.Roles"));
        Assert.Equal("Again", AccountPage.Value(page, "Input.DisplayName"));
    }

    [Fact]
    public async Task TheImportersInvitationIsQueuedWithTheAccountItsCallerSaves()
    {
        await site.WithDbAsync(async db =>
        {
            var user = new GazetteUser
            {
                UserName = "imported@example.com", NormalizedUserName = "IMPORTED@EXAMPLE.COM",
                Email = "imported@example.com", NormalizedEmail = "IMPORTED@EXAMPLE.COM", DisplayName = "Imported Writer", EmailConfirmed = true,
            };
            db.Users.Add(user);
            await using var scope = site.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StaffInvitations>()
                .InviteAsync(db, user, new Uri(AccountSite.BaseUrl), TestContext.Current.CancellationToken);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        var link = await site.Mail.LinkOfAsync(AccountMessageKind.Invitation, "imported@example.com");
        using var invitee = new FormClient(site);
        var form = await invitee.GetFormAsync(link);
        using var chosen = await form.Set("Input.Password", NewPassword).Set("Input.ConfirmPassword", NewPassword).SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        using var signedIn = await AccountSite.SignInAsync(invitee, "imported@example.com", NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }
}
