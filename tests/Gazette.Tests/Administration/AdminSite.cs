using System.Diagnostics;
using AngleSharp.Dom;
using Gazette.Accounts;
using Gazette.Administration;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Administration;

/// <summary>An empty site for the administration tests, optionally on a data folder that outlives it.</summary>
public class AdminSite : EmptyGazetteFactory
{
    private readonly string? dataFolder;

    public AdminSite()
    {
    }

    /// <summary>On this data folder, which is left in place for the next site or process.</summary>
    internal AdminSite(string dataFolder) => this.dataFolder = dataFolder;

    /// <summary>The form of /admin/users/{id} with exactly these role boxes ticked.</summary>
    public static async Task<Form> UserFormAsync(FormClient browser, string userId, params string[] roles)
    {
        var page = await browser.GetPageAsync($"/admin/users/{userId}");
        foreach (var box in page.QuerySelectorAll("input[name='Input.Roles']").OfType<AngleSharp.Html.Dom.IHtmlInputElement>())
        {
            box.IsChecked = roles.Contains(box.Value);
        }
        return browser.Form(page, "form.user-form");
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        dataFolder is null ? [] : [new("Storage:DataFolder", dataFolder)];

    /// <summary>Removes a data folder given to <see cref="AdminSite(string)"/> (and its database), once nothing uses it.</summary>
    public static void DeleteDataFolder(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestDatabase.DropAsync(folder).GetAwaiter().GetResult();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    /// <summary>The ids of the accounts that hold the Administrator role.</summary>
    public Task<List<string>> AdministratorIdsAsync() =>
        WithDbAsync(db => Administrators.UserIds(db).ToListAsync(TestContext.Current.CancellationToken));

    public Task<List<string>> RolesOfAsync(string email) => WithDbAsync(db =>
        (from user in db.Users
         join userRole in db.UserRoles on user.Id equals userRole.UserId
         join role in db.Roles on userRole.RoleId equals role.Id
         where user.NormalizedEmail == email.ToUpperInvariant()
         select role.Name!).ToListAsync(TestContext.Current.CancellationToken));

    /// <summary>A browser signed in through the real form with any password; asserts it worked.</summary>
    public async Task<FormClient> SignInAsync(string email, string password)
    {
        var browser = new FormClient(this);
        using var response = await (await browser.GetFormAsync("/account/sign-in"))
            .Set("Input.Email", email).Set("Input.Password", password).SubmitAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"signing in as {email} answered {(int)response.StatusCode}");
        return browser;
    }
}

/// <summary>What the administration pages show.</summary>
public static class AdminPage
{
    public static string Title(IDocument page) => page.QuerySelector("title")!.TextContent;

    public static string FieldError(IDocument page, string field) =>
        page.QuerySelector($"#{field.Replace('.', '_')}-error")?.TextContent.Trim() ?? "";

    public static string Summary(IDocument page) => page.QuerySelector(".form-errors")?.TextContent.Trim() ?? "";

    public static string? Value(IDocument page, string field) =>
        page.QuerySelector($"#{field.Replace('.', '_')}") is { } element
            ? element.LocalName == "textarea" ? element.TextContent : element.GetAttribute("value")
            : null;

    public static string? SignedInAs(IDocument page) => page.QuerySelector(".account-nav .account-name")?.TextContent;
}

/// <summary>The built site run as a process, as an operator runs it.</summary>
public static class GazetteProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static async Task<Result> RunAsync(string dataFolder, IEnumerable<string> arguments, string? standardInput = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var argument in new[] { "--Storage:DataFolder", dataFolder, "--Demo:Enabled", "false" }.Concat(TestDatabase.ArgumentsFor(dataFolder)))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var cancellation = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var error = process.StandardError.ReadToEndAsync(cancellation);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteLineAsync(standardInput.AsMemory(), cancellation);
        }
        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The command kept running instead of exiting.");
        }
        return new Result(process.ExitCode, await output, await error);
    }
}

