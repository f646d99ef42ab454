using System.ComponentModel.DataAnnotations;
using Gazette.Accounts;
using Gazette.Data;
using Gazette.Demo;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Gazette.Administration;

/// <summary>
/// /setup: the first administrator, made in the browser. Open only while no account holds the Administrator role,
/// a page that does not exist (404) from then on. Two submissions at once make one administrator: the check is made
/// again inside the write, which this instance runs one at a time. It also asks the site's name and time zone (saved as
/// settings, as /admin/settings does) and whether to keep the demo content, which a real site removes here.
/// </summary>
public sealed class SetupModel(
    GazetteDb db, WriteGate writes, UserManager<GazetteUser> users, SignInManager<GazetteUser> signIn, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> identity, ILoggerFactory loggers,
    Microsoft.Extensions.Options.IOptions<SiteOptions> site, SiteSettingsStore settings, DemoRemoval demo, IWebHostEnvironment environment) : AccountPageModel
{
    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    [BindProperty]
    public SetupSiteInput Site { get; set; } = new();

    /// <summary>The database holds the demo content: the form asks whether to keep it.</summary>
    public bool HasDemo { get; private set; }

    /// <summary>Time zones to choose from as the field is typed: IANA names, as the setting takes them.</summary>
    public static IReadOnlyList<string> TimeZones { get; } =
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Order(StringComparer.Ordinal).ToList();

    public string PasswordHint => PasswordRules.Describe(identity.Value.Password);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await Administrators.AnyAsync(db, cancellationToken))
        {
            return NotFound();
        }
        // A site tried out on a developer's machine keeps showing the demo; one set up for real starts clean.
        Site = new SetupSiteInput { Name = site.Value.Name, TimeZone = site.Value.TimeZone, KeepDemo = environment.IsDevelopment() };
        HasDemo = await DemoRemoval.AnyAsync(db, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await Administrators.AnyAsync(db, cancellationToken))
        {
            return AlreadyDone();
        }
        var email = Input.Email.Trim();
        var user = new GazetteUser
        {
            UserName = email,
            Email = email,
            DisplayName = Input.DisplayName,
            EmailConfirmed = true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await ValidateNewPasswordAsync(users, user, Input.Password, "Input.Password");
        if (SetupSiteInput.CheckTimeZone(Site.TimeZone) is { } badZone)
        {
            ModelState.AddModelError("Site.TimeZone", badZone);
        }
        HasDemo = await DemoRemoval.AnyAsync(db, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using (var transaction = await writes.BeginExclusiveAsync(db, cancellationToken))
        {
            if (await Administrators.AnyAsync(db, cancellationToken))
            {
                return AlreadyDone();
            }
            var created = await users.CreateAsync(user, Input.Password);
            if (!created.Succeeded)
            {
                AddIdentityErrors(created, "Input.Email", "Input.Password");
                if (created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail)))
                {
                    // Setup makes a new account; an existing one is made an administrator from the command line.
                    ModelState.Remove("Input.Email");
                    ModelState.AddModelError("Input.Email",
                        "An account with this email address already exists. Use another address, or make that account an administrator with the “admin create” command.");
                }
                return Page();
            }
            var promoted = await users.AddToRoleAsync(user, Roles.Administrator);
            if (!promoted.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", promoted.Errors.Select(e => e.Description)));
            }
            await transaction.CommitAsync(cancellationToken);
        }
        AccountLog.AccountCreated(loggers.CreateLogger(AccountLog.Category), user.Id);
        await SaveSiteAsync(cancellationToken);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/admin");
    }

    /// <summary>The name and time zone, saved only when changed (the rest keeps following the configuration), and the demo removed unless kept.</summary>
    private async Task SaveSiteAsync(CancellationToken cancellationToken)
    {
        var chosen = new Dictionary<string, string>
        {
            [$"{SiteOptions.Section}:{nameof(SiteOptions.Name)}"] = Site.Name!.Trim(),
            [$"{SiteOptions.Section}:{nameof(SiteOptions.TimeZone)}"] = Site.TimeZone!.Trim(),
        };
        var current = new Dictionary<string, string>
        {
            [$"{SiteOptions.Section}:{nameof(SiteOptions.Name)}"] = site.Value.Name,
            [$"{SiteOptions.Section}:{nameof(SiteOptions.TimeZone)}"] = site.Value.TimeZone,
        };
        await settings.SaveAsync(db, chosen.Where(c => current[c.Key] != c.Value).ToDictionary(), cancellationToken);
        if (!Site.KeepDemo && HasDemo)
        {
            await demo.RemoveAsync(cancellationToken);
        }
    }

    /// <summary>Someone was quicker (or this is the second click of a double submit): signing in is what is left.</summary>
    private IActionResult AlreadyDone() => RedirectToPage("/Accounts/SignIn", new { returnUrl = "/admin" });
}

/// <summary>What /setup asks about the site itself.</summary>
public sealed class SetupSiteInput
{
    [Display(Name = "Site name")]
    [Required(ErrorMessage = "Enter the site’s name.")]
    [StringLength(SettingsInput.MaxNameLength, ErrorMessage = "The site name can be at most {1} characters long.")]
    public string? Name { get; set; }

    [Display(Name = "Time zone")]
    [Required(ErrorMessage = "Enter the site’s time zone, such as Europe/Paris.")]
    [StringLength(100, ErrorMessage = "A time zone name is at most {1} characters long.")]
    public string? TimeZone { get; set; }

    [Display(Name = "Keep the demo articles and comments")]
    public bool KeepDemo { get; set; }

    /// <summary>Why this is not a time zone the site can use (null: it is): an IANA name this machine knows.</summary>
    public static string? CheckTimeZone(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null
        : TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) && zone.HasIanaId ? null
        : $"“{id.Trim()}” is not a time zone this server knows. Use an IANA name, such as Europe/Paris, America/New_York or UTC.";
}
