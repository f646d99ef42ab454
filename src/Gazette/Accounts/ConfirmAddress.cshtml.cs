using Gazette.Accounts.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Accounts;

/// <summary>
/// /account/confirm-address?user&amp;email&amp;code: the link mailed to a new address. Pressing its button makes the
/// change (the address is then verified, and it is also the name to sign in with), and the old address is told.
/// </summary>
public sealed class ConfirmAddressModel(UserManager<GazetteUser> users, SignInManager<GazetteUser> signIn, IAccountMail mail, Data.WriteGate writes)
    : AccountPageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public bool LinkIsValid { get; private set; } = true;

    public bool Done { get; private set; }

    public async Task OnGetAsync() => LinkIsValid = await FindUserOfLinkAsync() is not null;

    public async Task<IActionResult> OnPostAsync()
    {
        if (await FindUserOfLinkAsync() is not { } member)
        {
            LinkIsValid = false;
            return Page();
        }
        var oldAddress = member.Email!;
        var cancellationToken = HttpContext.RequestAborted;
        // The change and the notice to the old address are stored together, or not at all.
        await using (var transaction = await writes.BeginAsync(Db, cancellationToken))
        {
            var result = await users.ChangeEmailAsync(member, Email!, DecodeToken(Code)!);
            if (result.Succeeded)
            {
                result = await users.SetUserNameAsync(member, Email);
            }
            if (!result.Succeeded)
            {
                // Taken meanwhile by another account, or the token spent: either way this link cannot make the change.
                LinkIsValid = false;
                return Page();
            }
            await mail.QueueAsync(Db, new AccountMessage(AccountMessageKind.AddressChanged, oldAddress, member.DisplayName,
                MailLink(Url.Page("/Accounts/ForgotPassword")!), NewAddress: member.Email), cancellationToken);
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        if (User.Identity?.IsAuthenticated == true && users.GetUserId(User) == member.Id)
        {
            await signIn.RefreshSignInAsync(member);
        }
        Done = true;
        return Page();
    }

    private async Task<GazetteUser?> FindUserOfLinkAsync()
    {
        if (DecodeToken(Code) is not { } token || string.IsNullOrEmpty(UserId) || string.IsNullOrWhiteSpace(Email)
            || await users.FindByIdAsync(UserId) is not { } member)
        {
            return null;
        }
        var valid = await users.VerifyUserTokenAsync(
            member, users.Options.Tokens.ChangeEmailTokenProvider, UserManager<GazetteUser>.GetChangeEmailTokenPurpose(Email), token);
        return valid ? member : null;
    }
}
