using System.ComponentModel.DataAnnotations;
using Gazette.Accounts;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Administration;

/// <summary>
/// /admin/users/invite: a staff account made by an administrator, without a password: the invitation mailed to it
/// chooses one. The administrator vouches for the address, so it counts as verified.
/// </summary>
[Authorize(Policy = StaffPolicies.Administer)]
public sealed class InviteUserModel(
    GazetteDb db, UserManager<GazetteUser> users, StaffInvitations invitations, WriteGate writes, TimeProvider clock,
    IOptions<SiteOptions> site, ReservedNames reservedNames) : PageModel
{
    [BindProperty]
    public InviteUserInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var email = Input.Email.Trim();
        if (ModelState.IsValid && await users.FindByEmailAsync(email) is not null)
        {
            ModelState.AddModelError("Input.Email", "An account with this email address already exists: find it in the list of users to give it roles.");
        }
        if (ModelState.IsValid && await reservedNames.IsTakenAsync(Input.DisplayName, null, cancellationToken))
        {
            ModelState.AddModelError("Input.DisplayName", ReservedNames.TakenForAccount(Input.DisplayName));
        }
        var roles = Roles.All.Where(Input.Roles.Contains).ToList();
        if (roles.Count == 0)
        {
            ModelState.AddModelError("Input.Roles", "Choose at least one role: an invitation is for staff.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = new GazetteUser
        {
            UserName = email,
            Email = email,
            DisplayName = Input.DisplayName,
            EmailConfirmed = true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors)
                {
                    ModelState.AddModelError("Input.Email", error.Description);
                }
                return Page();
            }
            ThrowIfFailed(await users.AddToRolesAsync(user, roles));
            if (roles.Intersect(Bylines.WritingRoles).Any())
            {
                await Bylines.EnsureAsync(db, user, cancellationToken);
            }
            // The account and its invitation are stored together.
            await invitations.InviteAsync(db, user, new Uri(site.Value.AbsoluteUrl(Request, "/")), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return Redirect($"/admin/users/{user.Id}?done=invited");
    }

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

public sealed class InviteUserInput
{
    [Display(Name = "Email address")]
    [Required(ErrorMessage = "Enter the email address to send the invitation to.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
    [StringLength(256, ErrorMessage = "An email address can be at most {1} characters long.")]
    public string Email { get; set; } = "";

    [Display(Name = "Display name")]
    [Required(ErrorMessage = "Enter the name shown with this account’s articles and comments.")]
    [StringLength(GazetteUser.MaxDisplayNameLength, ErrorMessage = "A display name can be at most {1} characters long.")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "Roles")]
    public List<string> Roles { get; set; } = [];
}
