using System.Net;
using AngleSharp.Dom;
using Gazette.Accounts;
using Gazette.Accounts.Mail;
using Microsoft.AspNetCore.TestHost;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Accounts;

/// <summary>The site without demo content, keeping what it logs under "Gazette.Accounts".</summary>
public sealed class AccountSite : EmptyGazetteFactory
{
    public const string Password = "Correct-Horse-42";
    public const string SessionCookie = "gazette_session";

    public TestLogSink Logs { get; } = new();

    /// <summary>The account mail the site sent (into its .eml folder: no SMTP server is set).</summary>
    public AccountMailbox Mail => field ??= AccountMailbox.Of(this);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Site:BaseUrl", BaseUrl),
        // The sender also looks often by itself, as well as when woken.
        new("Mail:PollInterval", "00:00:00.2"),
    ];

    public const string BaseUrl = "https://news.example.org";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => Logs.AddTo(logging, AccountLog.Category));
    }

    /// <summary>A new browser, with no cookies yet.</summary>
    public FormClient Browser() => new(this);

    /// <summary>Creates an account through the sign-up form, then signs in with it: the browser that did it is signed in.</summary>
    /// <param name="displayName">By default one made from the address: a name taken already is refused (issue 15).</param>
    public async Task<FormClient> SignUpAsync(string email, string? displayName = null, string password = Password)
    {
        displayName ??= $"Reader {email.Split('@')[0]}";
        var browser = Browser();
        var form = await browser.GetFormAsync("/account/sign-up");
        using var response = await form
            .Set("Input.DisplayName", displayName).Set("Input.Email", email)
            .Set("Input.Password", password).Set("Input.ConfirmPassword", password)
            .SubmitAsync();
        Assert.Equal("/account/sign-up/sent", response.Headers.Location?.OriginalString);
        using var signedIn = await SignInAsync(browser, email, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    /// <summary>Submits the sign-in form; the response is returned as is.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(FormClient browser, string email, string password, string url = "/account/sign-in")
    {
        var form = await browser.GetFormAsync(url);
        return await form.Set("Input.Email", email).Set("Input.Password", password).SubmitAsync();
    }

    public Task<GazetteUser?> FindUserAsync(string email) => WithDbAsync(db =>
        db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), TestContext.Current.CancellationToken));

    public async Task<bool> CheckPasswordAsync(string email, string password)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GazetteUser>>();
        return await users.FindByEmailAsync(email) is { } user && await users.CheckPasswordAsync(user, password);
    }
}

/// <summary>What the account pages show, read the way a reader (or a screen reader) finds it.</summary>
public static class AccountPage
{
    /// <summary>"Signed in as …" in the header, or null when the header offers to sign in.</summary>
    public static string? SignedInAs(IDocument page) => page.QuerySelector(".account-nav .account-name")?.TextContent;

    /// <summary>The message shown next to a field (by its name, "Input.Email"), empty when there is none.</summary>
    public static string FieldError(IDocument page, string field) =>
        page.QuerySelector($"#{field.Replace('.', '_')}-error")?.TextContent.Trim() ?? "";

    /// <summary>The error summary at the top of the form, empty when there is none.</summary>
    public static string Summary(IDocument page) => page.QuerySelector(".form-errors")?.TextContent.Trim() ?? "";

    public static string? Value(IDocument page, string field) => page.QuerySelector($"#{field.Replace('.', '_')}")?.GetAttribute("value");
}
