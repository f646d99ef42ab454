using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Accounts;

/// <summary>
/// /account/verify?user&amp;code: the link mailed at sign-up. Opening it shows a button and pressing it verifies: mail
/// scanners that open every link in a message do not verify addresses for anyone.
/// </summary>
public sealed class VerifyAddressModel(UserManager<GazetteUser> users, ILoggerFactory loggers) : AccountPageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

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
        var result = await users.ConfirmEmailAsync(member, DecodeToken(Code)!);
        LinkIsValid = result.Succeeded;
        if (result.Succeeded)
        {
            AccountLog.AddressVerified(loggers.CreateLogger(AccountLog.Category), member.Id);
            Done = true;
        }
        return Page();
    }

    private async Task<GazetteUser?> FindUserOfLinkAsync()
    {
        if (DecodeToken(Code) is not { } token || string.IsNullOrEmpty(UserId) || await users.FindByIdAsync(UserId) is not { } member)
        {
            return null;
        }
        if (member.EmailConfirmed)
        {
            return member;
        }
        var valid = await users.VerifyUserTokenAsync(
            member, users.Options.Tokens.EmailConfirmationTokenProvider, UserManager<GazetteUser>.ConfirmEmailTokenPurpose, token);
        return valid ? member : null;
    }
}
