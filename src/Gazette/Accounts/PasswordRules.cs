using Microsoft.AspNetCore.Identity;

namespace Gazette.Accounts;

public static class PasswordRules
{
    /// <summary>The configured password rules in one sentence, shown under a new-password field.</summary>
    public static string Describe(PasswordOptions options)
    {
        var needs = new List<string>();
        if (options.RequireUppercase)
        {
            needs.Add("an upper-case letter");
        }
        if (options.RequireLowercase)
        {
            needs.Add("a lower-case letter");
        }
        if (options.RequireDigit)
        {
            needs.Add("a digit");
        }
        if (options.RequireNonAlphanumeric)
        {
            needs.Add("a symbol");
        }
        var length = $"At least {options.RequiredLength} characters";
        return needs.Count switch
        {
            0 => length + ".",
            1 => $"{length}, with {needs[0]}.",
            _ => $"{length}, with {string.Join(", ", needs[..^1])} and {needs[^1]}.",
        };
    }
}
