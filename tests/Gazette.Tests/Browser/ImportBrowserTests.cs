using Gazette.Data;
using Gazette.Import;
using Gazette.Tests.Import;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.Tests.Browser;

/// <summary>
/// Issue 13 in a browser: an administrator uploads a WordPress export at /admin/import, watches its progress (the page
/// refreshes itself, no script needed), reads the report; then an old link to a comment on the second page of its
/// discussion still lands on that comment.
/// </summary>
[Trait(BrowserSide.Name, BrowserSide.Value)]
public sealed class ImportBrowserTests
{
    private const string Admin = "import-admin@example.com";

    [Fact]
    public async Task AnAdministratorWatchesAnImportRunAndAnOldLinkToACommentLandsOnIt()
    {
        await using var chromium = Chromium.Require(await Chromium.LaunchAsync());
        await using var site = new Site();
        site.StartServer();
        var address = Chromium.AddressOf(site.Services);
        await site.EnsureUserAsync(Admin, "Ida Admin", Gazette.Accounts.Roles.Administrator);
        await using var context = await chromium.NewContextAsync(address);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(Admin);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(StaffAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync("/admin/import");
        await page.Locator("#file").SetInputFilesAsync(ImportSite.WordPressExport);
        await page.GetByLabel("Dry run: write nothing, report what would be done").UncheckAsync();

        // Another writer holds the database while the import runs, so that it is seen running: the import waits, the
        // page shows its progress and reloads itself until the import ends.
        await using (var writer = await site.HoldWritesAsync())
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
            await Expect(page.Locator(".import-progress")).ToBeVisibleAsync();
            await Expect(page.Locator("#import-job-title")).ToContainTextAsync("Importing: wordpress-export.xml");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import" })).ToBeDisabledAsync();
            var reloaded = page.WaitForResponseAsync(response => response.Url.EndsWith("/admin/import", StringComparison.Ordinal) && response.Request.Method == "GET");
            await reloaded; // the Refresh header: a second GET of the page while it runs
        }
        await Expect(page.Locator(".import-done")).ToHaveTextAsync("Done.", new() { Timeout = 60_000 });
        await Expect(page.Locator(".import-report")).ToContainTextAsync("WordPress import: added");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import" })).ToBeEnabledAsync();

        // Comment 11 is the fourth at the top of its discussion (after 2, 6 and the placeholder of a trashed one that has
        // a reply): with three per page, on page 2.
        await page.GotoAsync("/2021/03/02/lumara-fold-2-a-year-later/#comment-11");
        await Expect(page.Locator("#comment-11")).ToBeVisibleAsync();
        Assert.Contains("/articles/lumara-fold-2-a-year-later", page.Url);
        Assert.Contains("page=2", page.Url);
        Assert.EndsWith("#comment-11", page.Url);
        Assert.Empty(errors);
    }

    private sealed class Site : EmptyGazetteFactory
    {
        public Site() => UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Discussion:ThreadsPerPage", "3"),
        ];

        /// <summary>
        /// A transaction that holds the database against other writers (readers go on) until it is disposed: the
        /// SQLite write lock, or on PostgreSQL the tables an import writes, locked against inserts.
        /// </summary>
        public async Task<IAsyncDisposable> HoldWritesAsync()
        {
            var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
            var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql()
                ? """LOCK TABLE "Articles", "Comments" IN SHARE MODE"""
                : """DELETE FROM "Comments" WHERE "Id" = -1""", TestContext.Current.CancellationToken);
            return new Hold(scope, transaction);
        }

        private sealed class Hold(AsyncServiceScope scope, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction) : IAsyncDisposable
        {
            public async ValueTask DisposeAsync()
            {
                await transaction.RollbackAsync();
                await transaction.DisposeAsync();
                await scope.DisposeAsync();
            }
        }
    }
}
