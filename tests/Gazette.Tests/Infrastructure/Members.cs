using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Infrastructure;

/// <summary>Readers who make their own account, as a browser does: the sign-up form, then the sign-in form.</summary>
public static class Members
{
    /// <summary>
    /// Signs up through the form (which signs nobody in: it answers alike for taken addresses) and signs in with the
    /// password just chosen. The address is not verified: see <see cref="VerifyAsync"/>.
    /// </summary>
    public static async Task SignUpAndSignInAsync(FormClient browser, string email, string displayName, string password)
    {
        var form = await browser.GetFormAsync("/account/sign-up");
        using var signedUp = await form.Set("Input.DisplayName", displayName).Set("Input.Email", email)
            .Set("Input.Password", password).Set("Input.ConfirmPassword", password).SubmitAsync();
        Assert.Equal("/account/sign-up/sent", signedUp.Headers.Location?.OriginalString);
        var signIn = await browser.GetFormAsync("/account/sign-in");
        using var signedIn = await signIn.Set("Input.Email", email).Set("Input.Password", password).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    /// <summary>Marks the address verified, as following the mailed link does (the account tests follow the real link).</summary>
    public static Task VerifyAsync(GazetteFactory site, string email) => site.WithDbAsync(db =>
        db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant())
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true), TestContext.Current.CancellationToken));

    /// <summary>A new browser signed in as a new member whose address is verified, as anyone who comments is.</summary>
    public static async Task<FormClient> VerifiedAsync(GazetteFactory site, string email, string displayName, string password = StaffAccounts.Password)
    {
        var browser = new FormClient(site);
        await SignUpAndSignInAsync(browser, email, displayName, password);
        await VerifyAsync(site, email);
        return browser;
    }
}
