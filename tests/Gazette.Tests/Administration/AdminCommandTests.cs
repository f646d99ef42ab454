using Gazette.Accounts;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Administration.AdminPage;

namespace Gazette.Tests.Administration;

/// <summary>`admin create`, run as an operator runs it: the built site as a process, then the site on the same data.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private const string Password = "Operator-Chosen-9";

    private readonly string folder = Directory.CreateTempSubdirectory("gazette-admin-").FullName;

    public void Dispose() => AdminSite.DeleteDataFolder(folder);

    [Fact]
    public async Task AdminCreateMakesAnAdministratorWhoSignsInToTheNewsroom()
    {
        var result = await GazetteProcess.RunAsync(folder, ["admin", "create", "--email", "boss@example.com", "--password", Password, "--name", "The Boss"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("boss@example.com", result.Output);
        await using var site = new AdminSite(folder);
        using var browser = await site.SignInAsync("boss@example.com", Password);
        var dashboard = await browser.GetPageAsync("/admin");
        Assert.Equal("Signed in as The Boss", SignedInAs(dashboard));
        Assert.Contains(dashboard.QuerySelectorAll(".staff-sections a"), a => a.GetAttribute("href") == "/admin/settings");
        await site.GetPageAsync("/setup", expectedStatus: 404);
    }

    [Fact]
    public async Task AdminCreateRefusesANameThatIsAlreadySomeonesAndCreatesNothing_Issue15()
    {
        var first = await GazetteProcess.RunAsync(folder, ["admin", "create", "--email", "boss@example.com", "--password", Password, "--name", "The Boss"]);
        Assert.True(first.ExitCode == 0, first.Error);

        var second = await GazetteProcess.RunAsync(folder, ["admin", "create", "--email", "other@example.com", "--password", Password, "--name", "THE BOSS"]);

        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("is the name of someone on this site", second.Error);
        await using var site = new AdminSite(folder);
        Assert.False(await site.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "other@example.com")));
    }

    [Fact]
    public async Task WithoutPasswordOptionItIsReadFromRedirectedStandardInput()
    {
        var result = await GazetteProcess.RunAsync(folder, ["admin", "create", "--email", "piped@example.com"], standardInput: Password);

        Assert.True(result.ExitCode == 0, result.Error);
        await using var site = new AdminSite(folder);
        (await site.SignInAsync("piped@example.com", Password)).Dispose();
        Assert.Equal(["Administrator"], await site.RolesOfAsync("piped@example.com"));
    }

    [Theory]
    [InlineData("not-an-email", Password, "\"not-an-email\" is not an email address.")]
    [InlineData("weak@example.com", "short", "Passwords must be at least 10 characters.")]
    public async Task BadInputIsOneLineOnStandardErrorAndExitCode2(string email, string password, string message)
    {
        var result = await GazetteProcess.RunAsync(folder, ["admin", "create", "--email", email, "--password", password]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("admin create: ", line);
        Assert.Contains(message, line);
        await using var site = new AdminSite(folder);
        Assert.Equal(0, await site.WithDbAsync(db => db.Users.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task AnUnknownOptionIsRefusedRatherThanIgnored()
    {
        var result = await GazetteProcess.RunAsync(folder, ["admin", "create", "--emial", "typo@example.com"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option \"--emial\"", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task AnExistingAccountIsPromotedAndKeepsItsPassword()
    {
        await using (var site = new AdminSite(folder))
        {
            await site.EnsureUserAsync("reader@example.com", "Reader");
        }

        var result = await GazetteProcess.RunAsync(folder, ["admin", "create", "--email", "reader@example.com"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("reader@example.com is now an administrator.", result.Output);
        await using var again = new AdminSite(folder);
        using var browser = await again.SignInAsync("reader@example.com", StaffAccounts.Password);
        await browser.GetPageAsync("/admin/users");
        Assert.Equal(["Administrator"], await again.RolesOfAsync("reader@example.com"));
    }
}
