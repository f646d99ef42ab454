using System.Net;
using AngleSharp.Dom;
using Gazette.Accounts;
using Gazette.Administration;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Administration.AdminPage;

namespace Gazette.Tests.Administration;

public sealed class UsersTests(AdminSite site) : IClassFixture<AdminSite>
{
    private static IReadOnlyList<(string Name, string Email, string Roles, string State)> Rows(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("tr.user-row").Select(row => (
            row.QuerySelector(".user-name")!.TextContent.Trim(),
            row.QuerySelector(".user-email")!.TextContent.Trim(),
            row.QuerySelector(".user-roles")!.TextContent.Trim(),
            row.QuerySelector(".user-state")!.TextContent.Trim())).ToList();

    [Fact]
    public async Task TheListFindsAccountsByEmailOrNameWithTheirRolesAndState()
    {
        await site.EnsureUserAsync("quill.reader@example.com", "Quill Reader");
        await site.EnsureUserAsync("q.editor@example.com", "Quentin Quill", Roles.Editor, Roles.Moderator);
        var locked = await site.EnsureUserAsync("quill.locked@example.com", "Locked Quill");
        await site.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == locked.Id);
            user.LockoutEnd = GazetteFactory.Now.AddMinutes(10);
            await db.SaveChangesAsync();
        });
        using var admin = await site.SignInAsAdministratorAsync();

        var byEmail = await admin.GetPageAsync("/admin/users?q=quill.");
        var byName = await admin.GetPageAsync("/admin/users?q=QUENTIN");
        var editors = await admin.GetPageAsync("/admin/users?q=quill&role=Editor");

        Assert.Equal(
            [("Locked Quill", "quill.locked@example.com", "Reader", "Locked until March 10, 2026 at 12:10 after failed sign-ins"),
             ("Quill Reader", "quill.reader@example.com", "Reader", "Active")],
            Rows(byEmail));
        Assert.Equal([("Quentin Quill", "q.editor@example.com", "Editor, Moderator", "Active")], Rows(byName));
        Assert.Equal(["q.editor@example.com"], Rows(editors).Select(r => r.Email));
        Assert.Equal("Editor", editors.QuerySelector("#role option[selected]")!.GetAttribute("value"));
        Assert.Equal("quill", editors.QuerySelector("#q")!.GetAttribute("value"));
    }

    [Fact]
    public async Task TheListIsPagedAndKeepsItsSearchFromPageToPage()
    {
        await site.WithDbAsync(async db =>
        {
            for (var i = 1; i <= UsersModel.PageSize + 3; i++)
            {
                var email = $"paged{i:00}@example.com";
                db.Users.Add(new GazetteUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = $"Paged {i}" });
            }
            await db.SaveChangesAsync();
        });
        using var admin = await site.SignInAsAdministratorAsync();

        var first = await admin.GetPageAsync("/admin/users?q=paged");
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        var second = await admin.GetPageAsync(next);

        Assert.Equal(UsersModel.PageSize, Rows(first).Count);
        Assert.Equal("/admin/users?q=paged&page=2", next);
        Assert.Equal(["paged26@example.com", "paged27@example.com", "paged28@example.com"], Rows(second).Select(r => r.Email));
        Assert.Equal("28 accounts", first.QuerySelector(".user-count")!.TextContent);
        await admin.GetPageAsync("/admin/users?q=paged&page=3", expectedStatus: 404);
    }

    [Fact]
    public async Task GivingTheAuthorRoleMakesABylineThatOpensTheNewsroomWithinAMinute()
    {
        await site.WithDbAsync(async db =>
        {
            // A demo or imported byline already has the slug the name makes.
            db.Authors.Add(new Gazette.Articles.Author { Slug = "ana-writer", Name = "Ana Writer" });
            await db.SaveChangesAsync();
        });
        var writer = await site.EnsureUserAsync("ana@example.com", "Ana Writer");
        using var writerBrowser = await site.SignInAsStaffAsync("ana@example.com");
        using var admin = await site.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync($"/admin/users/{writer.Id}", "form.user-form");

        using var response = await form.Check("Input.Roles").Set("Input.DisplayName", "Ana Writer").SubmitAsync();
        site.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.FollowAsync(response);
        Assert.Equal("Saved.", page.QuerySelector(".form-done")!.TextContent);
        Assert.Equal(Roles.All, page.QuerySelectorAll("input[name='Input.Roles'][checked]").Select(i => i.GetAttribute("value")));
        var byline = await site.WithDbAsync(db => db.Authors.SingleAsync(a => a.UserId == writer.Id, TestContext.Current.CancellationToken));
        Assert.Equal(("ana-writer-2", "Ana Writer"), (byline.Slug, byline.Name));
        Assert.Equal("/author/ana-writer-2", page.QuerySelector(".user-byline a")!.GetAttribute("href"));
        var home = await writerBrowser.GetPageAsync("/");
        Assert.Equal("/admin", home.QuerySelector(".account-nav .newsroom-link")!.GetAttribute("href"));
        await writerBrowser.GetPageAsync("/admin");
    }

    [Fact]
    public async Task ARoleTakenAwayStopsOpeningItsPagesWithinAMinute()
    {
        var moderator = await site.EnsureUserAsync("mona@example.com", "Mona", Roles.Moderator, Roles.Author);
        using var moderatorBrowser = await site.SignInAsStaffAsync("mona@example.com", Roles.Moderator, Roles.Author);
        await moderatorBrowser.GetPageAsync("/admin");
        using var admin = await site.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync($"/admin/users/{moderator.Id}", "form.user-form");

        using var response = await form.Check("Input.Roles", false).SubmitAsync();
        site.Clock.Advance(TimeSpan.FromMinutes(2));
        using var after = await moderatorBrowser.Http.GetAsync("/admin", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await site.RolesOfAsync("mona@example.com"));
        await moderatorBrowser.FollowAsync(after, expectedStatus: 403);
        Assert.Null((await moderatorBrowser.GetPageAsync("/")).QuerySelector(".newsroom-link"));
        Assert.Equal("Signed in as Mona", SignedInAs(await moderatorBrowser.GetPageAsync("/")));
    }

    [Fact]
    public async Task ADisplayNameIsRequiredAndWhatWasTypedStays()
    {
        var user = await site.EnsureUserAsync("named@example.com", "Named");
        using var admin = await site.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync($"/admin/users/{user.Id}", "form.user-form");

        using var response = await form.Set("Input.DisplayName", "").Check("Input.Roles").SubmitAsync();
        var page = await admin.ReadPageAsync(response);

        Assert.Equal("Enter the name shown with this account’s comments.", FieldError(page, "Input.DisplayName"));
        Assert.Equal(Roles.All, page.QuerySelectorAll("input[name='Input.Roles'][checked]").Select(i => i.GetAttribute("value")));
        Assert.Empty(await site.RolesOfAsync("named@example.com"));
    }

    [Fact]
    public async Task AnAdministratorCannotGiveAnAccountAnotherPersonsNameButMayRespellItsOwn_Issue15()
    {
        await site.EnsureUserAsync("rhea@example.com", "Rhea Reviewer");
        var user = await site.EnsureUserAsync("renamed@example.com", "Renamed Person");
        using var admin = await site.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync($"/admin/users/{user.Id}", "form.user-form");

        using var response = await form.Set("Input.DisplayName", "RHÉA REVIEWER").SubmitAsync();
        var page = await admin.ReadPageAsync(response);
        var own = await admin.GetFormAsync($"/admin/users/{user.Id}", "form.user-form");
        using var respelled = await own.Set("Input.DisplayName", "renamed person").SubmitAsync();

        Assert.Contains("is the name of someone on this site", FieldError(page, "Input.DisplayName"));
        Assert.Equal("RHÉA REVIEWER", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_DisplayName")!.Value);
        Assert.Equal("renamed person", await site.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task AnInvitationCannotGiveTheNewAccountAnotherPersonsName_Issue15()
    {
        await site.EnsureUserAsync("vera@example.com", "Vera Voice");
        using var admin = await site.SignInAsAdministratorAsync();
        var form = await admin.GetFormAsync("/admin/users/invite", "form.invite-form");

        using var response = await form.Set("Input.Email", "not.vera@example.com").Set("Input.DisplayName", "Vera  V0ice").Check("Input.Roles").SubmitAsync();
        var page = await admin.ReadPageAsync(response);

        Assert.Contains("is the name of someone on this site", FieldError(page, "Input.DisplayName"));
        Assert.Equal("not.vera@example.com", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Email")!.Value);
        Assert.False(await site.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "not.vera@example.com")));
    }

    [Fact]
    public async Task ALockedAccountCannotSignInAndItsSessionEndsUntilItIsUnlocked()
    {
        var user = await site.EnsureUserAsync("lockme@example.com", "Lock Me", Roles.Author);
        using var victim = await site.SignInAsStaffAsync("lockme@example.com", Roles.Author);
        using var admin = await site.SignInAsAdministratorAsync();
        var lockForm = await admin.GetFormAsync($"/admin/users/{user.Id}", ".user-lock form");

        using var locked = await lockForm.SubmitAsync();
        var lockedPage = await admin.FollowAsync(locked);
        site.Clock.Advance(TimeSpan.FromMinutes(2));
        var victimHome = await victim.GetPageAsync("/");
        using var again = new FormClient(site);
        using var refused = await (await again.GetFormAsync("/account/sign-in"))
            .Set("Input.Email", "lockme@example.com").Set("Input.Password", StaffAccounts.Password).SubmitAsync();
        var refusedPage = await again.ReadPageAsync(refused);
        // Whoever does not know the password is not told that the account exists, let alone that it is locked.
        using var guessed = await (await again.GetFormAsync("/account/sign-in"))
            .Set("Input.Email", "lockme@example.com").Set("Input.Password", "not-the-password-1").SubmitAsync();
        var guessedPage = await again.ReadPageAsync(guessed);
        using var unlocked = await admin.Form(lockedPage, ".user-lock form").SubmitAsync();
        var unlockedPage = await admin.FollowAsync(unlocked);

        Assert.Equal("Locked by an administrator", lockedPage.QuerySelector(".user-state")!.TextContent);
        Assert.Null(SignedInAs(victimHome));
        Assert.Contains("locked", AdminPage.Summary(refusedPage));
        Assert.DoesNotContain("locked", AdminPage.Summary(guessedPage));
        Assert.Equal("Active", unlockedPage.QuerySelector(".user-state")!.TextContent);
        (await site.SignInAsync("lockme@example.com", StaffAccounts.Password)).Dispose();
    }

    [Fact]
    public async Task AnAdministratorCannotLockTheirOwnAccount()
    {
        var self = await site.EnsureUserAsync("self@example.com", "Self", Roles.Administrator);
        using var admin = await site.SignInAsStaffAsync("self@example.com", Roles.Administrator);
        var page = await admin.GetPageAsync($"/admin/users/{self.Id}");
        // The page offers no lock button; a forged request is refused all the same.
        var forged = admin.Form(page, "form.user-form");
        var token = forged["__RequestVerificationToken"]!;

        using var response = await admin.Http.PostAsync($"/admin/users/{self.Id}?handler=Lock",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), TestContext.Current.CancellationToken);
        var refused = await admin.ReadPageAsync(response);

        Assert.Null(page.QuerySelector(".user-lock form"));
        Assert.Contains(EditUserModel.OwnAccountLockMessage, Summary(refused));
        Assert.Equal("Active", refused.QuerySelector(".user-state")!.TextContent);
    }

    [Fact]
    public async Task AnUnknownAccountIsNotFound()
    {
        using var admin = await site.SignInAsAdministratorAsync();

        await admin.GetPageAsync("/admin/users/no-such-account", expectedStatus: 404);
    }
}

/// <summary>On a site of its own: the number of administrators is what these tests are about.</summary>
public sealed class LastAdministratorTests
{
    [Fact]
    public async Task TheLastAdministratorKeepsTheRoleUntilThereIsAnother()
    {
        await using var site = new AdminSite();
        var only = await site.EnsureUserAsync("only@example.com", "Only", Roles.Administrator, Roles.Editor);
        using var admin = await site.SignInAsStaffAsync("only@example.com", Roles.Administrator, Roles.Editor);
        var form = await AdminSite.UserFormAsync(admin, only.Id, Roles.Editor);

        using var refused = await form.Set("Input.DisplayName", "Only One").SubmitAsync();
        var refusedPage = await admin.ReadPageAsync(refused);
        var rolesAfterRefusal = (await site.RolesOfAsync("only@example.com")).Order().ToList();
        await site.EnsureUserAsync("second@example.com", "Second", Roles.Administrator);
        var retry = await AdminSite.UserFormAsync(admin, only.Id, Roles.Editor);
        using var accepted = await retry.SubmitAsync();

        Assert.Equal(EditUserModel.LastAdministratorMessage, FieldError(refusedPage, "Input.Roles"));
        Assert.Equal("Only One", Value(refusedPage, "Input.DisplayName"));
        Assert.Equal(["Editor"], refusedPage.QuerySelectorAll("input[name='Input.Roles'][checked]").Select(i => i.GetAttribute("value")));
        Assert.Equal(["Administrator", "Editor"], rolesAfterRefusal);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(["Editor"], await site.RolesOfAsync("only@example.com"));
        Assert.Equal(["Administrator"], await site.RolesOfAsync("second@example.com"));
    }

    [Fact]
    public async Task TwoAdministratorsDemotingEachOtherAtOnceLeaveOne()
    {
        await using var site = new AdminSite();
        var first = await site.EnsureUserAsync("one@example.com", "One", Roles.Administrator);
        var second = await site.EnsureUserAsync("two@example.com", "Two", Roles.Administrator);
        using var one = await site.SignInAsStaffAsync("one@example.com", Roles.Administrator);
        using var two = await site.SignInAsStaffAsync("two@example.com", Roles.Administrator);
        var demoteTwo = (await one.GetFormAsync($"/admin/users/{second.Id}", "form.user-form")).Check("Input.Roles", false);
        var demoteOne = (await two.GetFormAsync($"/admin/users/{first.Id}", "form.user-form")).Check("Input.Roles", false);

        var responses = await Task.WhenAll(demoteTwo.SubmitAsync(), demoteOne.SubmitAsync());

        Assert.Single(await site.AdministratorIdsAsync());
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
