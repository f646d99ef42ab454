using System.Net;
using Gazette.Accounts;
using Gazette.Tests.Infrastructure;
using Microsoft.Playwright;
using static Gazette.Tests.Infrastructure.SiteData;
using static Microsoft.Playwright.Assertions;

namespace Gazette.Tests.Browser;

/// <summary>
/// Issue 16, "two editors, one article", in Chromium with two browser contexts: each sees the other is there, and the
/// second save is refused with the first one's change shown and the second one's text still in the form.
/// </summary>
[Trait(BrowserSide.Name, BrowserSide.Value)]
public sealed class TwoEditorsBrowserTests(TwoEditorsBrowserTests.Site site) : IClassFixture<TwoEditorsBrowserTests.Site>
{
    public const string FirstEmail = "first-desk@example.com";
    public const string SecondEmail = "second-desk@example.com";

    /// <summary>The real site on a real port, with two editors, and an open editor beating every second.</summary>
    public sealed class Site : EmptyGazetteFactory, IAsyncLifetime
    {
        private Chromium? chromium;

        public Site() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Newsroom:PresenceSeconds", "1")];

        public string Address { get; private set; } = "";

        public async ValueTask InitializeAsync()
        {
            if (!Chromium.Installed)
            {
                return; // each test skips, or fails on CI (see Chromium.Require)
            }
            StartServer();
            Address = Chromium.AddressOf(Services);
            await WithDbAsync(async db =>
            {
                db.Add(Article("Shared story", Now.UtcDateTime.AddDays(-1), Author("Ana Writer")));
                await db.SaveChangesAsync();
            });
            await this.EnsureUserAsync(FirstEmail, "First Desk", Roles.Editor);
            await this.EnsureUserAsync(SecondEmail, "Second Desk", Roles.Editor);
            chromium = await Chromium.LaunchAsync();
        }

        public async Task<Tab> SignedInAsync(string email)
        {
            var context = await Chromium.Require(chromium).NewContextAsync(Address);
            var tab = new Tab(context, await context.NewPageAsync());
            await tab.Page.GotoAsync("/account/sign-in");
            await tab.Page.GetByLabel("Email").FillAsync(email);
            await tab.Page.GetByLabel("Password").FillAsync(StaffAccounts.Password);
            await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
            return tab;
        }

        public override async ValueTask DisposeAsync()
        {
            if (chromium is not null)
            {
                await chromium.DisposeAsync();
            }
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task EachEditorSeesTheOtherAndTheSecondSaveIsRefusedWithTheDifferenceShownAndItsTextKept()
    {
        await using var first = await site.SignedInAsync(FirstEmail);
        await using var second = await site.SignedInAsync(SecondEmail);
        var id = await site.WithDbAsync(db => Task.FromResult(db.Articles.Single(a => a.Slug == "shared-story").Id));
        await first.Page.GotoAsync($"/admin/articles/{id}");
        await second.Page.GotoAsync($"/admin/articles/{id}");

        // The second sees the first as the page opens; the first hears of the second at its next beat.
        await Expect(second.Page.Locator(".editor-presence")).ToHaveTextAsync("First Desk also has this article open.");
        await Expect(first.Page.Locator(".editor-presence")).ToHaveTextAsync("Second Desk also has this article open.");

        var firstBody = first.Page.GetByLabel("Body", new() { Exact = true });
        await firstBody.FillAsync("A sentence the first editor wrote.");
        var secondBody = second.Page.GetByLabel("Body", new() { Exact = true });
        await secondBody.FillAsync("A sentence the second editor wrote.");
        await first.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(first.Page.Locator(".form-done")).ToBeVisibleAsync();

        await second.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(second.Page.Locator(".form-errors")).ToContainTextAsync("Not saved: First Desk saved this article at");
        await Expect(second.Page.Locator(".edit-conflict .diff[data-field='Body'] .added")).ToHaveTextAsync("Added: A sentence the first editor wrote.");
        // The form's text (what a save sends), and what the editor shows of it.
        await Expect(second.Page.Locator("#Input_Body")).ToHaveValueAsync("A sentence the second editor wrote.");
        await Expect(second.Page.Locator(".cm-content")).ToHaveTextAsync("A sentence the second editor wrote.");

        // Leaving tells the other at once (the page's last word), not a minute later.
        await second.Page.GotoAsync("about:blank");
        await Expect(first.Page.Locator(".editor-presence")).ToHaveTextAsync("");
        Assert.Empty(first.Errors);
        Assert.Empty(second.Errors);
    }
}
