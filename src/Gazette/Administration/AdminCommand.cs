using System.ComponentModel.DataAnnotations;
using Gazette.Accounts;
using Gazette.Data;
using Microsoft.AspNetCore.Identity;

namespace Gazette.Administration;

/// <summary>
/// <c>admin create --email ADDRESS [--name NAME] [--password PASSWORD]</c>: makes the first administrator from the
/// command line, or gives an existing account the Administrator role. Without <c>--password</c> it asks for one twice,
/// without echo, or reads one line from standard input when that is not a terminal. Bad input: one line on standard
/// error and exit code 2. Other options (<c>--Storage:DataFolder</c> ...) are the site's configuration, as when it runs.
/// </summary>
public static class AdminCommand
{
    public const int BadInput = 2;
    private const string DefaultDisplayName = "Administrator";
    private const string Usage = "Usage: admin create --email ADDRESS [--name \"Display name\"] [--password PASSWORD]";

    /// <summary>Options the host reads itself (the site's configuration keys have a colon and pass through too).</summary>
    private static readonly string[] HostOptions = ["--urls", "--environment", "--contentRoot", "--applicationName"];

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == "admin";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        try
        {
            var options = Parse(args);
            // The same preparation as when the site starts: the folder, the migrations, the roles.
            await services.GetRequiredService<DatabaseStartup>().PrepareAsync();
            await using var scope = services.CreateAsyncScope();
            Console.WriteLine(await CreateAsync(scope.ServiceProvider, options));
            return 0;
        }
        catch (BadInputException e)
        {
            Console.Error.WriteLine($"admin create: {e.Message}");
            return BadInput;
        }
        catch (GazetteStartupException e)
        {
            Console.Error.WriteLine($"admin create: Gazette could not start. {e.Message}");
            return 1;
        }
    }

    private sealed record Options(string Email, string? Name, string? Password);

    private sealed class BadInputException(string message) : Exception(message);

    private static Options Parse(string[] args)
    {
        if (args.Length < 2 || args[1] != "create")
        {
            throw new BadInputException(args.Length < 2 ? Usage : $"there is no command \"{args[1]}\". {Usage}");
        }
        string? email = null, name = null, password = null;
        for (var i = 2; i < args.Length; i++)
        {
            var (option, value) = args[i].Split('=', 2) is [var key, var inline] && key.StartsWith("--", StringComparison.Ordinal)
                ? (key, inline)
                : (args[i], null);
            if (option is "--email" or "--name" or "--password")
            {
                if (value is null)
                {
                    if (i + 1 >= args.Length)
                    {
                        throw new BadInputException($"{option} needs a value. {Usage}");
                    }
                    value = args[++i];
                }
                switch (option)
                {
                    case "--email":
                        email = value;
                        break;
                    case "--name":
                        name = value;
                        break;
                    default:
                        password = value;
                        break;
                }
            }
            else if (option.StartsWith("--", StringComparison.Ordinal)
                && (option.Contains(':') || HostOptions.Contains(option, StringComparer.OrdinalIgnoreCase)))
            {
                // The site's own configuration, read by the host: skip its value.
                i += value is null ? 1 : 0;
            }
            else
            {
                throw new BadInputException($"unknown option \"{args[i]}\". {Usage}");
            }
        }
        email = email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            throw new BadInputException($"--email is required. {Usage}");
        }
        if (email.Length > 256 || !new EmailAddressAttribute().IsValid(email))
        {
            throw new BadInputException($"\"{email}\" is not an email address.");
        }
        if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Length > GazetteUser.MaxDisplayNameLength))
        {
            throw new BadInputException($"--name must be 1 to {GazetteUser.MaxDisplayNameLength} characters long.");
        }
        if (password is { Length: 0 })
        {
            throw new BadInputException("--password is empty.");
        }
        return new Options(email, name, password);
    }

    private static async Task<string> CreateAsync(IServiceProvider services, Options options)
    {
        var users = services.GetRequiredService<UserManager<GazetteUser>>();
        var user = await users.FindByEmailAsync(options.Email);
        // A name given on purpose is checked as the pages check it; the default one is shared by every unnamed administrator.
        if (options.Name is not null && options.Name != user?.DisplayName
            && await services.GetRequiredService<ReservedNames>().IsTakenAsync(options.Name, user?.Id, CancellationToken.None))
        {
            throw new BadInputException(ReservedNames.TakenForAccount(options.Name));
        }
        if (user is not null)
        {
            return await PromoteAsync(users, user, options);
        }

        user = new GazetteUser
        {
            UserName = options.Email,
            Email = options.Email,
            DisplayName = options.Name ?? DefaultDisplayName,
            // Whoever runs the site vouches for the address.
            EmailConfirmed = true,
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        var password = options.Password ?? ReadPassword();
        foreach (var validator in users.PasswordValidators)
        {
            ThrowIfFailed(await validator.ValidateAsync(users, user, password));
        }
        ThrowIfFailed(await users.CreateAsync(user, password));
        ThrowIfFailed(await users.AddToRoleAsync(user, Roles.Administrator));
        AccountLog.AccountCreated(services.GetRequiredService<ILoggerFactory>().CreateLogger(AccountLog.Category), user.Id);
        return $"Created the administrator {options.Email}. Sign in at /account/sign-in.";
    }

    private static async Task<string> PromoteAsync(UserManager<GazetteUser> users, GazetteUser user, Options options)
    {
        if (options.Name is not null && options.Name != user.DisplayName)
        {
            user.DisplayName = options.Name;
            ThrowIfFailed(await users.UpdateAsync(user));
        }
        var already = await users.IsInRoleAsync(user, Roles.Administrator);
        if (!already)
        {
            ThrowIfFailed(await users.AddToRoleAsync(user, Roles.Administrator));
        }
        var password = options.Password is null ? "" : " Its password is unchanged (to change it, use /account/forgot-password).";
        return (already ? $"{options.Email} is already an administrator." : $"{options.Email} is now an administrator.") + password;
    }

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new BadInputException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Twice and unseen at a terminal; one line when standard input is a file or a pipe.</summary>
    private static string ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine() is { Length: > 0 } line ? line : throw new BadInputException("no password on standard input.");
        }
        var first = ReadHidden("Password: ");
        if (first.Length == 0)
        {
            throw new BadInputException("no password given.");
        }
        if (ReadHidden("Password again: ") != first)
        {
            throw new BadInputException("the two passwords are not the same.");
        }
        return first;
    }

    private static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var typed = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
        Console.Error.WriteLine();
        return typed.ToString();
    }
}
