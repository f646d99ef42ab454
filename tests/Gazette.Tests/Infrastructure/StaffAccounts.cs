using Gazette.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Infrastructure;

/// <summary>Staff members for tests: an account with the given roles, signed in through the real sign-in form.</summary>
public static class StaffAccounts
{
    public const string Password = "Staff-Password-42";

    /// <summary>Creates the account (once per email) with exactly these roles.</summary>
    public static async Task<GazetteUser> EnsureUserAsync(this WebApplicationFactory<Program> site, string email, string displayName, params string[] roles)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GazetteUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new GazetteUser { UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(roles));
        await users.AddToRolesAsync(user, roles.Except(current));
        return user;
    }

    /// <summary>A browser signed in as a new or existing staff member with these roles (none: a reader).</summary>
    public static async Task<FormClient> SignInAsStaffAsync(this WebApplicationFactory<Program> site, string email, params string[] roles)
    {
        await site.EnsureUserAsync(email, email.Split('@')[0], roles);
        var browser = new FormClient(site);
        var form = await browser.GetFormAsync("/account/sign-in");
        using var response = await form.Set("Input.Email", email).Set("Input.Password", Password).SubmitAsync();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public static Task<FormClient> SignInAsAdministratorAsync(this WebApplicationFactory<Program> site) =>
        site.SignInAsStaffAsync("admin@example.com", Roles.Administrator);

    public static Task<FormClient> SignInAsEditorAsync(this WebApplicationFactory<Program> site) =>
        site.SignInAsStaffAsync("editor@example.com", Roles.Editor);

    public static Task<FormClient> SignInAsAuthorAsync(this WebApplicationFactory<Program> site, string email = "author@example.com") =>
        site.SignInAsStaffAsync(email, Roles.Author);
}
