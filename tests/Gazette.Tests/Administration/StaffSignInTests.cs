using System.Net;
using AngleSharp;
using Gazette.Accounts;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using static Gazette.Tests.Administration.AdminPage;

namespace Gazette.Tests.Administration;

public sealed class StaffSignInTests(AdminSite site) : IClassFixture<AdminSite>
{
    private const string SessionCookie = "gazette_session";

    [Fact]
    public async Task FiveWrongPasswordsMakeTheirNetworkWaitForAStaffAccountEvenWithTheRightOne()
    {
        await site.EnsureUserAsync("guessed.editor@example.com", "Guessed", Roles.Editor, Roles.Administrator);
        using var browser = new FormClient(site);

        var summaries = new List<string>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await (await browser.GetFormAsync("/account/sign-in"))
                .Set("Input.Email", "guessed.editor@example.com").Set("Input.Password", $"Wrong-Guess-{attempt}").SubmitAsync();
            summaries.Add(Summary(await browser.ReadPageAsync(wrong)));
        }
        using var right = await (await browser.GetFormAsync("/account/sign-in"))
            .Set("Input.Email", "guessed.editor@example.com").Set("Input.Password", StaffAccounts.Password).SubmitAsync();

        Assert.Contains("Too many failed attempts to sign in with this address from your network", summaries[4]);
        Assert.Contains("Too many failed attempts", Summary(await browser.ReadPageAsync(right)));
        Assert.Null(browser.Cookie(SessionCookie));
    }

    [Fact]
    public async Task SessionAndAntiforgeryCookiesAreHttpOnlyLaxAndNotSecureOverPlainHttp()
    {
        using var browser = new FormClient(site);
        using var page = await browser.Http.GetAsync("/account/sign-in", TestContext.Current.CancellationToken);
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        await site.EnsureUserAsync("plain@example.com", "Plain", Roles.Author);
        using var signedIn = await (await browser.GetFormAsync("/account/sign-in"))
            .Set("Input.Email", "plain@example.com").Set("Input.Password", StaffAccounts.Password).SubmitAsync();
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));

        foreach (var cookie in new[] { antiforgery, session })
        {
            Assert.Contains("httponly", Attributes(cookie));
            Assert.Contains("samesite=lax", Attributes(cookie));
            Assert.DoesNotContain("secure", Attributes(cookie));
        }
    }

    [Fact]
    public async Task UnderHttpsTheSessionAndAntiforgeryCookiesAreSecure()
    {
        await site.EnsureUserAsync("secure@example.com", "Secure", Roles.Editor);
        using var https = site.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler());
        using var page = await https.GetAsync("/account/sign-in", TestContext.Current.CancellationToken);
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var html = await BrowsingContext.New().OpenAsync(r => r.Content(page.Content.ReadAsStream(TestContext.Current.CancellationToken)),
            TestContext.Current.CancellationToken);
        var token = html.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var signedIn = await https.PostAsync("/account/sign-in", new FormUrlEncodedContent(
            [new("Input.Email", "secure@example.com"), new("Input.Password", StaffAccounts.Password), new("__RequestVerificationToken", token)]),
            TestContext.Current.CancellationToken);
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("secure", Attributes(antiforgery));
        Assert.Contains("secure", Attributes(session));
    }

    /// <summary>A Set-Cookie header's attributes after the name and value, lower-cased ("httponly", "samesite=lax").</summary>
    private static string[] Attributes(string setCookie) =>
        setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToArray();
}
