using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Accounts;

/// <summary>/account/sign-out: a POST signs out (a GET only shows the button, so a link or an image cannot sign anyone out).</summary>
public sealed class SignOutModel(SignInManager<GazetteUser> signIn) : AccountPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
