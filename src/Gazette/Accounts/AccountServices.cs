using Gazette.Accounts.Sessions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Gazette.Accounts;

public static class AccountServices
{
    /// <summary>
    /// ASP.NET Core Identity accounts: hashed passwords, lockout (readers and staff alike), and session and antiforgery
    /// cookies that scripts cannot read, that other sites' forms do not send, and that are Secure under HTTPS.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<GazetteUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                // Sign-in counts its failures per address and network (SignInThrottle); this lockout is only for the
                // password asked again before deleting an account, where the reader is signed in already.
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<Data.GazetteDb>()
            .AddDefaultTokenProviders();
        services.AddScoped<IUserClaimsPrincipalFactory<GazetteUser>, GazetteClaimsFactory>();
        services.AddAuthorization(StaffPolicies.Add);
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "gazette_session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/denied";
        });
        // The cookie holds a session key; the ticket stays on the server, so signing out ends every copy of the cookie.
        services.AddSingleton<DatabaseTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((options, store) => options.SessionStore = store);
        services.AddScoped<AccountSessionEnder>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<Mail.IAccountMail, Mail.OutboxAccountMail>();
        services.AddScoped<StaffInvitations>();
        services.AddScoped<ReservedNames>();
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<AntiforgeryOptions>(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // A session is checked against its account every minute: a role taken away or an account locked by an
        // administrator takes effect within a minute (roles are refreshed, a locked account is signed out).
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        return services;
    }
}
